// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, unwrap } from './client';

const BASE = 'http://api.test';

function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

function setup(respond: (request: Request) => Response | Promise<Response>, token: string | null = 'tok-123') {
  const requests: Request[] = [];
  const onUnauthorized = vi.fn();
  const client = createApiClient({
    baseUrl: BASE,
    getToken: () => token,
    onUnauthorized,
    fetch: async (request) => {
      requests.push(request.clone());
      return respond(request);
    },
  });
  return { client, requests, onUnauthorized };
}

const me = { id: 1, username: 'officer', role: 'officer', agency_id: null, kind: 'user' };

describe('createApiClient', () => {
  it('attaches the bearer token', async () => {
    const { client, requests } = setup(() => json(me));
    const data = await unwrap(client.GET('/api/v1/auth/me'));
    expect(data).toEqual(me);
    expect(requests[0].headers.get('Authorization')).toBe('Bearer tok-123');
    expect(requests[0].url).toBe(`${BASE}/api/v1/auth/me`);
  });

  it('sends no Authorization header without a token', async () => {
    const { client, requests } = setup(() => json({ items: [], next_cursor: null, total: null }), null);
    await unwrap(client.GET('/api/v1/public/agencies'));
    expect(requests[0].headers.has('Authorization')).toBe(false);
  });

  it('passes the cursor and limit as query parameters', async () => {
    const { client, requests } = setup(() => json({ items: [], next_cursor: null, total: null }));
    await unwrap(client.GET('/api/v1/markets', { params: { query: { limit: 20, cursor: 'abc=' } } }));
    const url = new URL(requests[0].url);
    expect(url.searchParams.get('limit')).toBe('20');
    expect(url.searchParams.get('cursor')).toBe('abc=');
  });

  it('form-encodes the password grant', async () => {
    const { client, requests } = setup(() => json({ access_token: 'x', token_type: 'bearer', expires_in: 3600 }), null);
    await unwrap(
      client.POST('/api/v1/auth/token', {
        body: { grant_type: 'password', username: 'officer', password: 'p&ss word' },
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      }),
    );
    expect(requests[0].headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(await requests[0].text());
    expect(Object.fromEntries(form)).toEqual({ grant_type: 'password', username: 'officer', password: 'p&ss word' });
  });
});

describe('unwrap', () => {
  it('turns problem+json into an ApiError with code and fields', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Validation failed',
      status: 422,
      detail: 'limit: must be at most 500',
      code: 'validation_error',
      errors: [
        { field: 'limit', message: 'must be at most 500' },
        { field: 'worker.date_of_birth', message: 'too young', index: 3 },
      ],
    };
    const { client } = setup(() => json(problem, 422));
    const error = await unwrap(client.GET('/api/v1/markets')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.code).toBe('validation_error');
    expect(apiError.title).toBe('Validation failed');
    expect(apiError.detail).toBe('limit: must be at most 500');
    expect(apiError.fields).toHaveLength(2);
    expect(apiError.fields[1]).toMatchObject({ field: 'worker.date_of_birth', index: 3 });
    expect(apiError.fieldNames).toEqual(['limit', 'worker.date_of_birth']);
  });

  it('reads Retry-After from a 429', async () => {
    const problem = { title: 'Too many requests', status: 429, code: 'too_many_login_attempts' };
    const { client } = setup(() => json(problem, 429, { 'Retry-After': '600' }), null);
    const error = (await unwrap(
      client.POST('/api/v1/auth/token', {
        body: { grant_type: 'password', username: 'a', password: 'b' },
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      }),
    ).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('too_many_login_attempts');
    expect(error.retryAfter).toBe(600);
  });

  it('derives a code from the status when the body is not a problem', async () => {
    const { client } = setup(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const error = (await unwrap(client.GET('/api/v1/markets')).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.code).toBe('internal_error');
    expect(error.fields).toEqual([]);
  });

  it('reports an unreachable server as network_error', async () => {
    const { client } = setup(() => Promise.reject(new TypeError('fetch failed')));
    const error = (await unwrap(client.GET('/api/v1/markets')).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('network_error');
    expect(error.status).toBe(0);
  });

  it('signals a rejected token so the session can end', async () => {
    const problem = { title: 'Not authenticated', status: 401, code: 'not_authenticated' };
    const { client, onUnauthorized } = setup(() => json(problem, 401));
    const error = (await unwrap(client.GET('/api/v1/auth/me')).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('not_authenticated');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('does not end a session on a failed login (no token was sent)', async () => {
    const problem = { title: 'Invalid credentials', status: 401, code: 'invalid_credentials' };
    const { client, onUnauthorized } = setup(() => json(problem, 401), null);
    const error = (await unwrap(
      client.POST('/api/v1/auth/token', {
        body: { grant_type: 'password', username: 'officer', password: 'wrong' },
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      }),
    ).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('invalid_credentials');
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});
