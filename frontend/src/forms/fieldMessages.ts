import type { FieldError } from '../api/errors';
import { formatDate, isMessageKey, translate, translateValue, type Lang, type MessageKey, type Params } from '../i18n/core';
import type { ValueGroup } from '../i18n/values';
import { normalizeFieldPath } from './fieldErrors';

// Each error item carries a stable `code` and the `params` its message names (docs/errors.md);
// the sentence shown is `fieldError.<code>` of the user's language with the params filled in,
// naming fields by their labels. The server's English `message` is never shown.

/** Field labels by API path: the form's own labels, else the app's label table. */
export type Labels = Readonly<Record<string, string>>;

// Params naming another field, a date, an amount or a count; the rest are shown as they are.
const FIELD_PARAMS = new Set(['other', 'field']);
const DATE_PARAMS = new Set(['on', 'ended_on', 'until', 'from']);
const NUMBER_PARAMS = new Set([
  'min_length', 'max_length', 'ge', 'gt', 'le', 'lt', 'max', 'low', 'high', 'min_age', 'max_mib', 'multiple_of',
  'max_digits', 'decimal_places',
]); // prettier-ignore

// The value group that labels a field's allowed values (`enum`, `literal_error` and params such
// as `status`), by the field's last path segment.
const GROUP_OF: Record<string, ValueGroup> = {
  status: 'status',
  channel: 'channel',
  sex: 'sex',
  programme: 'programme',
  policy_groups: 'policyGroup',
  role: 'role',
  tier: 'tier',
  source: 'complaintSource',
  offender: 'offender',
  result: 'inspectionResult',
  flag: 'flag',
};

/** The label of a field path: the form's, else `placement.<path>` or `field.<last segment>`. */
export function fieldLabel(lang: Lang, path: string, labels: Labels = {}): string {
  const normalized = normalizeFieldPath(path);
  if (labels[normalized]) return labels[normalized];
  const last = normalized.slice(normalized.lastIndexOf('.') + 1);
  for (const key of [`placement.${normalized}`, `field.${normalized}`, `field.${last}`]) {
    if (isMessageKey(key)) return translate(lang, key);
  }
  return normalized || translate(lang, 'field.body');
}

function valueLabel(lang: Lang, group: ValueGroup | undefined, value: string): string {
  return group ? translateValue(lang, group, value) : value;
}

// Pydantic's `expected` names the allowed values as "'a', 'b' or 'c'".
function choices(lang: Lang, group: ValueGroup | undefined, expected: string): string {
  const values = [...expected.matchAll(/'([^']*)'/g)].map((m) => valueLabel(lang, group, m[1]));
  if (!values.length) return expected;
  if (values.length === 1) return values[0];
  return `${values.slice(0, -1).join(', ')} ${translate(lang, 'fieldError.or')} ${values[values.length - 1]}`;
}

function shownParam(lang: Lang, name: string, value: unknown, group: ValueGroup | undefined, labels: Labels): string | number {
  if (value === null || value === undefined) return '';
  if (FIELD_PARAMS.has(name)) return fieldLabel(lang, String(value), labels);
  if (DATE_PARAMS.has(name) && /^\d{4}-\d{2}-\d{2}$/.test(String(value))) return formatDate(lang, String(value));
  if (NUMBER_PARAMS.has(name) && typeof value === 'number') return value;
  if (name === 'expected') return choices(lang, group, String(value));
  // The words a file's cell may hold, or the enterprises a name matches: listed as they are.
  if (Array.isArray(value)) return value.map(String).join('; ');
  if (name === 'status') return valueLabel(lang, group === 'inspectionStatus' ? group : 'status', String(value));
  if (name === 'role') return valueLabel(lang, 'role', String(value));
  if (name === 'channel') return valueLabel(lang, 'channel', String(value));
  if (name === 'sex') return valueLabel(lang, 'sex', String(value));
  if (name === 'offender') return valueLabel(lang, 'offender', String(value));
  if (name === 'entity') {
    const key = `fieldError.entity.${String(value)}`;
    return isMessageKey(key) ? translate(lang, key) : String(value);
  }
  if (name === 'kind') {
    const key = `fieldError.kind.${String(value)}`;
    return isMessageKey(key) ? translate(lang, key) : String(value);
  }
  return String(value);
}

/** The dictionary key for an item's code; `fieldError.invalid` when the app has none. */
export function fieldErrorKey(error: Pick<FieldError, 'code' | 'params'>): MessageKey {
  const code = error.code ?? 'invalid';
  // An annual and a monthly report have their own periods (Circular 21/2021/TT-BLĐTBXH Art. 15).
  let kind = code === 'period_shape' && error.params?.kind ? `.${String(error.params.kind)}` : '';
  // A cap row overlapping one that has no end (docs/law.md).
  if (code === 'rule_overlaps' && error.params && !error.params.to) kind = '.open';
  const key = `fieldError.${code}${kind}`;
  return isMessageKey(key) ? key : 'fieldError.invalid';
}

/**
 * One error item as a sentence in the user's language, naming its field (and any other field
 * it names) by label: `{field}` and each param of `fieldError.<code>`.
 */
export function fieldErrorText(lang: Lang, error: FieldError, labels: Labels = {}): string {
  const path = normalizeFieldPath(error.field);
  const group = GROUP_OF[path.slice(path.lastIndexOf('.') + 1)];
  const about = error.params?.field ? String(error.params.field) : error.field;
  const params: Params = { field: fieldLabel(lang, about, labels) };
  for (const [name, value] of Object.entries(error.params ?? {})) {
    if (name !== 'field') params[name] = shownParam(lang, name, value, group, labels);
  }
  return translate(lang, fieldErrorKey(error), params);
}
