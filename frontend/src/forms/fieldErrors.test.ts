import { describe, expect, it } from 'vitest';
import { ApiError, networkError } from '../api/errors';
import { PLACEMENT_FIELDS } from '../features/placements/formModel';
import { errorsFor, fieldInputId, invalidFields, mapFieldErrors, normalizeFieldPath } from './fieldErrors';

describe('normalizeFieldPath', () => {
  it('drops the body prefix and list positions', () => {
    expect(normalizeFieldPath('worker.national_id')).toBe('worker.national_id');
    expect(normalizeFieldPath('body.contract_months')).toBe('contract_months');
    expect(normalizeFieldPath('worker.policy_groups.1')).toBe('worker.policy_groups');
    expect(normalizeFieldPath('items.3.worker.sex')).toBe('items.worker.sex');
  });
});

describe('mapFieldErrors', () => {
  it('puts each API error on the placement input it names', () => {
    const mapped = mapFieldErrors(
      [
        { field: 'worker.national_id', message: 'digits 5-6 (97) do not match the year of birth 1998' },
        { field: 'contract_months', message: 'Input should be less than or equal to 120' },
        { field: 'worker.policy_groups.0', message: "Input should be 'poor_household', …" },
      ],
      PLACEMENT_FIELDS,
    );
    expect(Object.keys(mapped.byField).sort()).toEqual(['contract_months', 'worker.national_id', 'worker.policy_groups']);
    expect(mapped.byField['worker.national_id'][0].message).toContain('digits 5-6');
    expect(mapped.other).toEqual([]);
  });

  it('keeps errors about no input for the summary', () => {
    const mapped = mapFieldErrors([{ field: 'worker', message: 'Field required' }, { field: 'limit', message: 'x' }], PLACEMENT_FIELDS);
    expect(mapped.byField).toEqual({});
    expect(mapped.other.map((e) => e.field)).toEqual(['worker', 'limit']);
  });

  it('falls back to the closest enclosing input', () => {
    const mapped = mapFieldErrors([{ field: 'worker.sex.value', message: 'bad' }], ['worker.sex']);
    expect(mapped.byField['worker.sex']).toHaveLength(1);
  });

  it('renames paths through aliases first', () => {
    const mapped = mapFieldErrors([{ field: 'on', message: 'is before the decision date' }], ['date'], { on: 'date' });
    expect(mapped.byField.date).toHaveLength(1);
  });

  it('lists the invalid inputs in the order of the form', () => {
    const mapped = mapFieldErrors(
      [
        { field: 'registered_on', message: 'is in the future' },
        { field: 'worker.full_name', message: 'must not be empty' },
      ],
      PLACEMENT_FIELDS,
    );
    expect(invalidFields(mapped, PLACEMENT_FIELDS)).toEqual(['worker.full_name', 'registered_on']);
  });
});

describe('errorsFor', () => {
  it('maps the fields of a 422 and nothing for other failures', () => {
    const invalid = new ApiError({ status: 422, code: 'validation_error', fields: [{ field: 'occupation', message: 'may not be null' }] });
    expect(errorsFor(invalid, PLACEMENT_FIELDS).byField.occupation).toHaveLength(1);
    expect(errorsFor(new ApiError({ status: 409, code: 'conflict' }), PLACEMENT_FIELDS).byField).toEqual({});
    expect(errorsFor(networkError(new TypeError('x')), PLACEMENT_FIELDS).other).toEqual([]);
    expect(errorsFor(null, PLACEMENT_FIELDS).byField).toEqual({});
  });
});

describe('fieldInputId', () => {
  it('makes a valid element id from a field path', () => {
    expect(fieldInputId('placement', 'worker.national_id')).toBe('placement-worker-national_id');
  });
});
