import { describe, expect, it } from 'vitest';
import { errorsFor } from './fieldErrors';
import { NumberInputs } from './numberInputs';

describe('NumberInputs', () => {
  it('gives JSON numbers for whole numbers and canonical text for decimals', () => {
    const numbers = new NumberInputs();
    expect(numbers.integer('service_fee_vnd', '30.000.000')).toBe(30000000);
    expect(numbers.decimal('monthly_salary', '180.000')).toBe('180000');
    expect(numbers.decimal('value', '-18,5', { negative: true })).toBe('-18.5');
    expect(numbers.integer('loan_vnd', '10.000.000.000.000')).toBe(10 ** 13);
    expect(numbers.error()).toBeNull();
  });

  it('keeps a field error for each input that is not a number, shown on its input', () => {
    const numbers = new NumberInputs();
    expect(numbers.decimal('monthly_salary', ' 180k ')).toBeUndefined();
    expect(numbers.integer('fine_vnd', '1,5')).toBeUndefined();
    expect(numbers.decimal('value', '-1')).toBeUndefined();
    const error = numbers.error();
    expect(error?.fields).toEqual([
      {
        field: 'monthly_salary',
        code: 'number_parsing',
        params: { value: '180k' },
        message: "'180k' is not a number; write it like 180000, 180.000 or 1,5",
      },
      { field: 'fine_vnd', code: 'int_from_float', params: { value: '1,5' }, message: "'1,5' must be a whole number" },
      { field: 'value', code: 'negative', params: { value: '-1' }, message: "'-1' must not be negative" },
    ]);
    const mapped = errorsFor(error, ['monthly_salary', 'fine_vnd', 'value']);
    expect(Object.keys(mapped.byField)).toEqual(['monthly_salary', 'fine_vnd', 'value']);
  });
});
