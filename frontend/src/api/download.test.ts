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
      fetch,
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
      fetch,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('forbidden');
  });
});
