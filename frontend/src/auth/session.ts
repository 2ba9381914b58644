// The access token lives in sessionStorage: it survives a reload but not closing the tab,
// and is not shared with other tabs.
const STORAGE_KEY = 'overseas.session';

interface StoredSession {
  token: string;
  /** Epoch milliseconds after which the token is no longer accepted by the API. */
  expiresAt: number | null;
}

type Listener = () => void;
const listeners = new Set<Listener>();

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

function read(): StoredSession | null {
  const raw = storage()?.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as StoredSession;
    return typeof parsed.token === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

let current: StoredSession | null = read();

function emit() {
  for (const listener of listeners) listener();
}

export const session = {
  /** The bearer token, or null when logged out or expired. Pure: safe to call while rendering. */
  getToken(): string | null {
    if (!current) return null;
    if (current.expiresAt !== null && Date.now() >= current.expiresAt) return null;
    return current.token;
  },

  setToken(token: string, expiresInSeconds?: number | null) {
    current = {
      token,
      expiresAt: expiresInSeconds ? Date.now() + expiresInSeconds * 1000 : null,
    };
    storage()?.setItem(STORAGE_KEY, JSON.stringify(current));
    emit();
  },

  clear() {
    if (current === null) return;
    current = null;
    storage()?.removeItem(STORAGE_KEY);
    emit();
  },

  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
