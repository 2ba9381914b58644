import { ApiError, type FieldError } from '../api/errors';
import { parseNumber, type NumberProblem } from './parseNumber';

// The API's codes and words for the same problems (the file import reports them so), so that
// fieldMessages.ts says an error found here and one found by the server alike.
const CODES: Record<NumberProblem, string> = {
  empty: 'blank',
  whole: 'int_from_float',
  negative: 'negative',
  number: 'number_parsing',
};

function message(problem: NumberProblem, text: string): string {
  const shown = `'${text.trim()}'`;
  switch (problem) {
    case 'empty':
      return 'must not be empty';
    case 'whole':
      return `${shown} must be a whole number`;
    case 'negative':
      return `${shown} must not be negative`;
    default:
      return `${shown} is not a number; write it like 180000, 180.000 or 1,5`;
  }
}

/**
 * Reads a form's money and count inputs with the one rule of parseNumber, keeping a field
 * error for each input that is not a number of its kind. Nothing is sent while there are any.
 */
export class NumberInputs {
  readonly errors: FieldError[] = [];

  /**
   * A whole number as a JSON number. Every whole-number field of the API has a bound far below
   * 2^53 (10^13 VND at most), so a number too large to be exact is still refused by the API.
   */
  integer(field: string, text: string): number | undefined {
    const value = this.read(field, text, true, false);
    return value === undefined ? undefined : Number(value);
  }

  /** A decimal as its canonical text ("180000", "1.5"): no float rounding reaches the API. */
  decimal(field: string, text: string, { negative = false }: { negative?: boolean } = {}): string | undefined {
    return this.read(field, text, false, negative);
  }

  /** The problems as a form error, shown like the API's 422; null when there are none. */
  error(): InputError | null {
    return this.errors.length > 0 ? new InputError(this.errors) : null;
  }

  private read(field: string, text: string, integer: boolean, negative: boolean): string | undefined {
    const parsed = parseNumber(text, { integer, negative });
    if (parsed.ok) return parsed.value;
    const params = parsed.problem === 'empty' ? null : { value: text.trim() };
    this.errors.push({ field, code: CODES[parsed.problem], params, message: message(parsed.problem, text) });
    return undefined;
  }
}

/** The body for the API, or the inputs that are not numbers (nothing is sent then). */
export type FormBody<T> = { ok: true; body: T } | { ok: false; error: InputError };

/** Builds a body with `build`, which reads its numbers with the NumberInputs it is given. */
export function readNumbers<T>(build: (numbers: NumberInputs) => T): FormBody<T> {
  const numbers = new NumberInputs();
  const body = build(numbers);
  const error = numbers.error();
  return error ? { ok: false, error } : { ok: true, body };
}

/** Inputs the form found wrong before sending anything; shown as the API's 422 would be. */
export class InputError extends ApiError {
  constructor(fields: FieldError[]) {
    super({ status: 422, code: 'validation_error', title: 'Validation failed', fields });
    this.name = 'InputError';
  }
}
