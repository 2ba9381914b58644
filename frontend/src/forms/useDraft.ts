import { useCallback, useRef, useState } from 'react';

// What a user types into a form is kept in sessionStorage until it is saved, so a reload, a
// lost session or a wrong click never throws the work away. Drafts stay in this tab only.
const PREFIX = 'overseas.draft.';

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

export function readDraft<T>(key: string): T | null {
  const raw = storage()?.getItem(PREFIX + key);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

function writeDraft(key: string, value: unknown) {
  try {
    storage()?.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // A full or blocked storage only means the draft is not kept.
  }
}

function clearDraft(key: string) {
  storage()?.removeItem(PREFIX + key);
}

export interface Draft<T> {
  values: T;
  /** True when the values came back from an earlier, unsaved visit. */
  restored: boolean;
  set: (update: Partial<T>) => void;
  /** Forget the draft and start again from `initial`. */
  discard: () => void;
  /** Forget the draft after a successful save. */
  clear: () => void;
}

/** A draft under `key` in sessionStorage; with a null key, the same kept in memory only. */
export function useDraft<T extends object>(key: string | null, initial: () => T): Draft<T> {
  // Read afresh on discard: the initial values may depend on data loaded since.
  const initialRef = useRef(initial);
  initialRef.current = initial;
  const [state, setState] = useState(() => {
    const saved = key === null ? null : readDraft<T>(key);
    return { values: saved ? { ...initial(), ...saved } : initial(), restored: saved !== null };
  });

  const set = useCallback(
    (update: Partial<T>) =>
      setState((previous) => {
        const values = { ...previous.values, ...update };
        if (key !== null) writeDraft(key, values);
        return { values, restored: previous.restored };
      }),
    [key],
  );

  const discard = useCallback(() => {
    if (key !== null) clearDraft(key);
    setState({ values: initialRef.current(), restored: false });
  }, [key]);

  const clear = useCallback(() => {
    if (key !== null) clearDraft(key);
  }, [key]);

  return { ...state, set, discard, clear };
}
