import { ApiError, type FieldError } from '../api/errors';

// The API names a bad field by its path in the request body (`worker.national_id`,
// `worker.policy_groups.1`, or pydantic's `body.contract_months`); a form names its inputs by
// the same paths. These functions carry each error to the input it is about.

/** `body.worker.policy_groups.1` → `worker.policy_groups`: no `body.` prefix, no list positions. */
export function normalizeFieldPath(path: string): string {
  const parts = path.split('.').filter((part) => part !== '' && !/^\d+$/.test(part));
  if (parts[0] === 'body') parts.shift();
  return parts.join('.');
}

/** The id of the input for a field, unique within the page when each form has its own id. */
export function fieldInputId(formId: string, field: string): string {
  return `${formId}-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export interface MappedErrors {
  /** Errors per input name, in the order the API reported them. */
  byField: Record<string, FieldError[]>;
  /** Errors about no input of the form (shown in the summary only). */
  other: FieldError[];
}

/**
 * Assigns each error to the form input it names: the exact path, else the closest enclosing
 * input (`worker.policy_groups.2` → `worker.policy_groups`); `aliases` renames paths first
 * (a transition's `on` is the form's date input).
 */
export function mapFieldErrors(
  errors: readonly FieldError[],
  fields: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): MappedErrors {
  const known = new Set(fields);
  const byField: Record<string, FieldError[]> = {};
  const other: FieldError[] = [];
  for (const error of errors) {
    // A rule across fields (a model's) names the field it is about in `params.field`.
    const about = normalizeFieldPath(error.field) || (error.params?.field ? String(error.params.field) : '');
    const normalized = normalizeFieldPath(about);
    let path = aliases[normalized] ?? normalized;
    while (path && !known.has(path)) {
      path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    }
    if (path) (byField[path] ??= []).push(error);
    else other.push(error);
  }
  return { byField, other };
}

/** The inputs that have an error, in the form's own order (the first one gets the focus). */
export function invalidFields(mapped: MappedErrors, fields: readonly string[]): string[] {
  return fields.filter((field) => mapped.byField[field]?.length);
}

const NO_ERRORS: MappedErrors = { byField: {}, other: [] };

/** The field errors of a failed save (none for other failures or no failure). */
export function errorsFor(
  error: unknown,
  fields: readonly string[],
  aliases?: Readonly<Record<string, string>>,
): MappedErrors {
  return error instanceof ApiError && error.fields.length ? mapFieldErrors(error.fields, fields, aliases) : NO_ERRORS;
}
