import { session } from '../auth/session';
import { networkError, toApiError } from './errors';

// Exports, templates and the annual report are files behind the bearer token: a plain link
// cannot carry the token, so they are fetched and handed to the browser as a blob.

export type QueryValues = Record<string, string | number | boolean | null | undefined>;

export interface DownloadOptions {
  baseUrl?: string;
  getToken?: () => string | null;
  fetch?: typeof globalThis.fetch;
}

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

export function buildUrl(baseUrl: string, path: string, query: QueryValues = {}): string {
  const url = new URL(path, baseUrl);
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  return url.toString();
}

/** GETs a file with the session's token; a failure is an ApiError like any other call. */
export async function fetchFile(
  path: string,
  query: QueryValues,
  fallbackName: string,
  options: DownloadOptions = {},
): Promise<DownloadedFile> {
  const baseUrl = options.baseUrl ?? window.location.origin;
  const token = (options.getToken ?? (() => session.getToken()))();
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let response: Response;
  try {
    response = await doFetch(buildUrl(baseUrl, path, query), {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
  } catch (error) {
    throw networkError(error);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status === 401 && token) session.clear();
    throw toApiError(response, body);
  }
  return { blob: await response.blob(), filename: filenameFrom(response.headers.get('Content-Disposition'), fallbackName) };
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
