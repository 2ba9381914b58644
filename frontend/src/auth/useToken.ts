import { useSyncExternalStore } from 'react';
import { session } from './session';

/** The current bearer token; re-renders on login, logout and a rejected token. */
export function useToken(): string | null {
  return useSyncExternalStore(session.subscribe, session.getToken, () => null);
}
