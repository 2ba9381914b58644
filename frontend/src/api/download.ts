import { api, createApiClient, settle, type ApiClientOptions } from './client';
import type { paths } from './schema';

// Exports, templates and the annual report are files behind the bearer token: a plain link
// cannot carry the token, so they are fetched through the API client (its middleware adds the
// token and logs out on a rejected one, its errors are ApiErrors like any other call's) and
// handed to the browser as a blob.

/** The API's paths that answer with a file. */
export type DownloadPath = '/api/v1/placements/export' | '/api/v1/placements/import-template' | '/api/v1/reports/annual';

/** The query of a file's path, as the API documents it. */
export type DownloadQuery<P extends DownloadPath> = NonNullable<paths[P]['get']['parameters']['query']>;

export type QueryValues = Record<string, string | number | boolean | null | undefined>;

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/** The file name from `Content-Disposition` (RFC 6266, `filename*` first), else `fallback`. */
export function filenameFrom(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : fallback;
}

/** A query string without the filters left empty (no value, or an empty text). */
function searchOf(query: QueryValues): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  return search.toString();
}

/** The address fetchFile asks for: `path` on `baseUrl`, with the filters in use. */
export function buildUrl(baseUrl: string, path: string, query: QueryValues = {}): string {
  const url = new URL(path, baseUrl);
  url.search = searchOf(query);
  return url.toString();
}

/**
 * GETs a file through the app's API client (or one made from `options`, for tests); a
 * failure is an ApiError like any other call's.
 */
export async function fetchFile<P extends DownloadPath>(
  path: P,
  query: DownloadQuery<P>,
  fallbackName: string,
  options?: ApiClientOptions,
): Promise<DownloadedFile> {
  const client = options ? createApiClient(options) : api;
  // The paths differ only in their query, which searchOf() writes for all three alike.
  const get = client.GET as (
    path: DownloadPath,
    init: { params: { query: QueryValues }; parseAs: 'blob'; querySerializer: (query: QueryValues) => string },
  ) => Promise<{ data?: Blob; error?: unknown; response: Response }>;
  const { data, response } = await settle(get(path, { params: { query }, parseAs: 'blob', querySerializer: searchOf }));
  return { blob: data, filename: filenameFrom(response.headers.get('Content-Disposition'), fallbackName) };
}

/** Hands a blob to the browser as a download. */
export function saveFile({ blob, filename }: DownloadedFile) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
