// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './errors';
import { buildUrl, fetchFile, filenameFrom } from './download';

describe('filenameFrom', () => {
  it('reads plain and RFC 5987 names', () => {
    expect(filenameFrom('attachment; filename="placements.csv"', 'x')).toBe('placements.csv');
    expect(filenameFrom("attachment; filename*=UTF-8''b%C3%A1o-c%C3%A1o.xlsx", 'x')).toBe('báo-cáo.xlsx');
    expect(filenameFrom(null, 'fallback.csv')).toBe('fallback.csv');
  });
});

describe('buildUrl', () => {
  it('leaves out empty filters', () => {
    const url = new URL(buildUrl('http://api.test', '/api/v1/placements/export', { format: 'csv', status: undefined, q: '', market_code: 'JP' }));
    expect(url.pathname).toBe('/api/v1/placements/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({ format: 'csv', market_code: 'JP' });
  });
});

// The API client hands fetch one Request; these fakes take it as an address and its headers.
const viaRequest = (fake: (url: string, init: RequestInit) => Promise<Response>) => (request: Request) =>
  fake(request.url, { headers: { Authorization: request.headers.get('Authorization') ?? '' } });

describe('fetchFile', () => {
  it('sends the bearer token and returns the blob with its name', async () => {
    const fetch = vi.fn(
      async () =>
        new Response('\uFEFFid,full_name\n1,An\n', {
          headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="placements.csv"' },
        }),
    );
    const file = await fetchFile('/api/v1/placements/export', { format: 'csv' }, 'x.csv', {
      baseUrl: 'http://api.test',
      getToken: () => 'tok',
      fetch: viaRequest(fetch),
    });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://api.test/api/v1/placements/export?format=csv');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(file.filename).toBe('placements.csv');
    expect(await file.blob.text()).toContain('full_name');
  });

  it('turns a problem answer into an ApiError', async () => {
    const fetch = vi.fn(async () =>
      Response.json({ title: 'Forbidden', status: 403, code: 'forbidden' }, { status: 403, headers: { 'Content-Type': 'application/problem+json' } }),
    );
    const error = await fetchFile('/api/v1/reports/annual', { year: 2025 }, 'r.xlsx', {
      baseUrl: 'http://api.test',
      getToken: () => 'tok',
      fetch: viaRequest(fetch),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('forbidden');
  });
  it('leaves a rejected token to the client, which logs out as for any other call', async () => {
    const onUnauthorized = vi.fn();
    const error = await fetchFile('/api/v1/placements/export', { format: 'csv' }, 'x.csv', {
      baseUrl: 'http://api.test',
      getToken: () => 'expired',
      onUnauthorized,
      fetch: async () =>
        Response.json(
          { title: 'Unauthorized', status: 401, code: 'not_authenticated' },
          { status: 401, headers: { 'Content-Type': 'application/problem+json' } },
        ),
    }).catch((e: unknown) => e);
    expect(onUnauthorized).toHaveBeenCalledOnce();
    expect((error as ApiError).code).toBe('not_authenticated');
  });

  it('turns a failure to reach the server into network_error', async () => {
    const error = await fetchFile('/api/v1/placements/import-template', { format: 'csv' }, 'x.csv', {
      baseUrl: 'http://api.test',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    }).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('network_error');
  });
});
