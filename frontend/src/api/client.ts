import createClient from 'openapi-fetch';
import { session } from '../auth/session';
import { networkError, toApiError } from './errors';
import type { paths } from './schema';

export { ApiError } from './errors';
export type { FieldError, Problem } from './errors';

export interface ApiClientOptions {
  /** Prefix for every path; empty means the SPA's own origin. */
  baseUrl?: string;
  /** Returns the current bearer token, if any. */
  getToken?: () => string | null;
  /** Called when a request that carried a token is answered 401 (expired or revoked). */
  onUnauthorized?: () => void;
  fetch?: (input: Request) => Promise<Response>;
}

/** A typed client for the paths in openapi/openapi.json. */
export function createApiClient(options: ApiClientOptions = {}) {
  const client = createClient<paths>({ baseUrl: options.baseUrl ?? '', fetch: options.fetch });
  client.use({
    onRequest({ request }) {
      const token = options.getToken?.();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
    onResponse({ request, response }) {
      if (response.status === 401 && request.headers.has('Authorization')) options.onUnauthorized?.();
      return undefined;
    },
  });
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

type Result<T> = { data?: T; error?: unknown; response: Response };

/**
 * Resolves to the answer's data with the answer itself (its headers), or throws an ApiError:
 * a problem+json answer keeps its `code` and field errors, a failure to reach the server
 * becomes `network_error`.
 */
export async function settle<T>(call: Promise<Result<T>>): Promise<{ data: T; response: Response }> {
  let result: Result<T>;
  try {
    result = await call;
  } catch (error) {
    throw networkError(error);
  }
  if (!result.response.ok || result.error !== undefined) {
    throw toApiError(result.response, result.error);
  }
  return { data: result.data as T, response: result.response };
}

/** Resolves to the answer's data or throws an ApiError, as settle() does. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  return (await settle(call)).data;
}

/** The client the app uses: same origin, the session's token, logout on a rejected token. */
export const api = createApiClient({
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  getToken: () => session.getToken(),
  onUnauthorized: () => session.clear(),
  // Looked up on each call rather than captured once, so tests can stub it.
  fetch: (request) => globalThis.fetch(request),
});
