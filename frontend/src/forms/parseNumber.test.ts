import { describe, expect, it } from 'vitest';
// The same vectors as the import's tests (tests/test_numbers.py): the two readings cannot drift.
import shared from '../../../tests/fixtures/number_vectors.json';
import { parseNumber } from './parseNumber';

interface Vector {
  input: string;
  kind: 'int' | 'decimal';
  negative?: boolean;
  expected?: string;
  error?: string;
}

const vectors: Vector[] = shared.vectors as Vector[];

describe('parseNumber', () => {
  it.each(vectors.map((v) => [`${JSON.stringify(v.input)} as ${v.kind}${v.negative ? ' (negative allowed)' : ''}`, v] as const))(
    'reads %s as the import does',
    (_, vector) => {
      const got = parseNumber(vector.input, { integer: vector.kind === 'int', negative: vector.negative ?? false });
      expect(got).toEqual(vector.error ? { ok: false, problem: vector.error } : { ok: true, value: vector.expected });
    },
  );

  it('covers the amounts people type', () => {
    const covered = new Set(vectors.map((v) => `${v.input}|${v.kind}`));
    for (const input of ['180.000|decimal', '180000|decimal', '1.900.000|int', '1,5|decimal', '1.5|decimal']) {
      expect(covered.has(input)).toBe(true);
    }
  });

  it('gives the text of a decimal, never a rounded float', () => {
    expect(parseNumber('0,1', { integer: false })).toEqual({ ok: true, value: '0.1' });
    expect(parseNumber('12.345.678.901.234,56', { integer: false })).toEqual({ ok: true, value: '12345678901234.56' });
  });
});
