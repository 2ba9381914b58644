/**
 * Numbers as people type them: the one reading of money and counts, the same as the import's
 * (backend/overseas/core/numbers.py; both are tested against tests/fixtures/number_vectors.json).
 *
 * Vietnamese writing groups thousands with a dot or a space and marks decimals with a comma:
 * - spaces (also no-break spaces) separate thousands: `1 900 000`;
 * - a dot followed by groups of exactly three digits separates thousands: `180.000`,
 *   `1.900.000`; a single dot followed by anything else is a decimal point: `1.5`;
 * - a single comma is the decimal comma: `1,5`; several commas followed by groups of three
 *   digits separate thousands: `1,900,000`;
 * - when both appear, the last of them is the decimal mark: `1.900.000,50`, `1,900,000.5`.
 * Thousands groups after the first are exactly three digits; the first is one to three digits
 * without a leading zero.
 */

/** Why a text is not a number of the kind asked for. */
export type NumberProblem = 'empty' | 'number' | 'whole' | 'negative';

/** The canonical text (`"180000"`, `"1.5"`: digits, a dot for decimals, no trailing zeros). */
export type ParsedNumber = { ok: true; value: string } | { ok: false; problem: NumberProblem };

export interface NumberOptions {
  /** A whole-number field (VND, months, counts, years): a fraction is a problem. */
  integer: boolean;
  /** The field allows a minus sign; money and counts do not. */
  negative?: boolean;
}

const SHAPE = /^[0-9]+(?:[., ][0-9]+)*$/;
const PARTS = /[0-9]+|[., ]/g;
const FIRST_GROUP = /^[1-9][0-9]{0,2}$/;

function fail(problem: NumberProblem): ParsedNumber {
  return { ok: false, problem };
}

/** Which separator, if any, is the decimal mark; null when every one is a thousands mark. */
function decimalMark(groups: string[], seps: string[]): string | null {
  const marks = seps.filter((s) => s !== ' ');
  if (marks.length === 0) return null;
  if (marks.includes('.') && marks.includes(',')) return marks[marks.length - 1];
  const mark = marks[0];
  if (marks.length > 1 || seps[seps.length - 1] !== mark) return null; // several of one mark: thousands
  if (mark === ',') return ',';
  return groups[groups.length - 1].length === 3 ? null : '.';
}

export function parseNumber(text: string, { integer, negative = false }: NumberOptions): ParsedNumber {
  const compact = text.trim().replace(/\s+/g, ' ');
  if (compact === '') return fail('empty');
  const minus = compact.startsWith('-');
  const body = minus ? compact.slice(1) : compact;
  if (!SHAPE.test(body)) return fail('number');
  const parts = body.match(PARTS) ?? [];
  const groups = parts.filter((_, i) => i % 2 === 0);
  const seps = parts.filter((_, i) => i % 2 === 1);
  const mark = decimalMark(groups, seps);
  let fraction = '';
  if (mark !== null) {
    if (seps.filter((s) => s === mark).length !== 1 || seps[seps.length - 1] !== mark) return fail('number');
    fraction = groups.pop() ?? '';
    seps.pop();
  }
  if (seps.length > 0) {
    const thousands = new Set(seps.filter((s) => s !== ' '));
    if (thousands.size > 1) return fail('number');
    if (!FIRST_GROUP.test(groups[0]) || groups.slice(1).some((g) => g.length !== 3)) return fail('number');
  }
  const whole = groups.join('').replace(/^0+/, '') || '0';
  fraction = fraction.replace(/0+$/, '');
  const digits = fraction ? `${whole}.${fraction}` : whole;
  const signed = minus && digits !== '0';
  if (signed && !negative) return fail('negative');
  if (integer && fraction) return fail('whole');
  return { ok: true, value: signed ? `-${digits}` : digits };
}
