/** One bad field of a 422 answer; `index` is the row of a batch, `row` the spreadsheet row. */
export interface FieldError {
  field: string;
  /** Stable: what is wrong (docs/errors.md); the app says it from `code` and `params`. */
  code?: string;
  params?: Record<string, unknown> | null;
  /** English, for scripts and logs; never shown in the app. */
  message: string;
  index?: number | null;
  row?: number | null;
  external_ref?: string | null;
}

/** The RFC 9457 body of every 4xx/5xx answer of the API. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string | null;
  code: string;
  errors?: FieldError[] | null;
}

/** Codes the client itself produces when there is no problem+json body to read. */
export const NETWORK_ERROR = 'network_error';

// When a proxy or a crash answers without a problem body, the status still says enough
// to pick a translated message.
const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'not_authenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  412: 'precondition_failed',
  422: 'validation_error',
  429: 'too_many_requests',
};

/** A failed API call: the problem's `code` drives the message the user sees. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | null;
  readonly fields: FieldError[];
  /** Seconds from the Retry-After header of a 429 or 503, when given. */
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    code: string;
    title?: string;
    detail?: string | null;
    fields?: FieldError[];
    retryAfter?: number | null;
    cause?: unknown;
  }) {
    super(init.detail || init.title || init.code, { cause: init.cause });
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title ?? init.code;
    this.detail = init.detail ?? null;
    this.fields = init.fields ?? [];
    this.retryAfter = init.retryAfter ?? null;
  }

  /** The names of the fields the server rejected, without duplicates. */
  get fieldNames(): string[] {
    return [...new Set(this.fields.map((f) => f.field))];
  }
}

export function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.status === 'number';
}

function retryAfterSeconds(response: Response | undefined): number | null {
  const header = response?.headers.get('Retry-After');
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

/** Builds the typed error from an error answer and its (already parsed) body. */
export function toApiError(response: Response | undefined, body: unknown): ApiError {
  const status = response?.status ?? 0;
  const retryAfter = retryAfterSeconds(response);
  if (isProblem(body)) {
    return new ApiError({
      status: body.status || status,
      code: body.code,
      title: body.title,
      detail: body.detail,
      fields: Array.isArray(body.errors) ? body.errors : [],
      retryAfter,
    });
  }
  const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
  return new ApiError({ status, code, title: response?.statusText || code, retryAfter });
}

export function networkError(cause: unknown): ApiError {
  return new ApiError({ status: 0, code: NETWORK_ERROR, title: 'Network error', cause });
}

/** True for a 404 answer (for an enterprise user, also another enterprise's record). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
