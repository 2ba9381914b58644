import { describe, expect, it } from 'vitest';
import type { Placement } from '../../api/types';
import type { FormValues } from '../../components/form/kit';
import { toPlacementIn, toPlacementUpdate, valuesFromPlacement, type FormBody } from './formModel';
import { nextStatuses } from './transitions';

const placement: Placement = {
  id: 7,
  agency_id: 3,
  external_ref: 'AG3-1',
  channel: 'service_enterprise',
  worker: {
    national_id: '049095001234',
    full_name: 'Nguyễn Văn An',
    date_of_birth: '1995-04-02',
    sex: 'male',
    home_area_code: '506',
    home_area: { code: '506', name: 'Huyện Đại Lộc', level: 'district', today: [{ code: '48', name: 'Thành phố Đà Nẵng' }] },
    phone: null,
    policy_groups: ['poor_household', 'ethnic_minority'],
  },
  market_code: 'JP',
  programme: 'TITP',
  occupation: 'Chế biến thực phẩm',
  employer_name: null,
  contract_months: 36,
  monthly_salary: '180000',
  salary_currency: 'JPY',
  service_fee_vnd: 30000000,
  deposit_vnd: null,
  loan_vnd: 0,
  status: 'registered',
  registered_on: '2024-01-10',
  departure_date: null,
  return_date: null,
  contract_signed_on: null,
  notes: null,
  recruitment_notice_id: 5,
  flags: [],
  version: 2,
  created_at: '2024-01-10T00:00:00Z',
  updated_at: '2024-01-10T00:00:00Z',
};

function bodyOf<T>(read: FormBody<T>): T {
  if (!read.ok) throw new Error(`inputs rejected: ${JSON.stringify(read.error.fields)}`);
  return read.body;
}

describe('the placement form model', () => {
  it('round-trips a placement through the form values', () => {
    const values = valuesFromPlacement(placement);
    expect(values['worker.policy_groups']).toBe('poor_household,ethnic_minority');
    const body = bodyOf(toPlacementIn(values, { ownAgency: false }));
    expect(body.monthly_salary).toBe('180000');
    expect(body.worker).toMatchObject({ national_id: '049095001234', policy_groups: ['poor_household', 'ethnic_minority'] });
    expect(body).toMatchObject({ agency_id: 3, contract_months: 36, service_fee_vnd: 30000000, loan_vnd: 0 });
    // The recruitment notice it names goes as a number (docs/notices.md).
    expect(body.recruitment_notice_id).toBe(5);
    expect('deposit_vnd' in body).toBe(false);
    expect('employer_name' in body).toBe(false);
  });

  it("never sends an enterprise user's enterprise", () => {
    const body = bodyOf(toPlacementIn({ agency_id: '9', channel: 'service_enterprise' }, { ownAgency: true }));
    expect('agency_id' in body).toBe(false);
  });

  it('clears emptied inputs on edit and leaves the status to transitions', () => {
    const values = { ...valuesFromPlacement(placement), service_fee_vnd: '', status: 'departed' };
    const body = bodyOf(toPlacementUpdate(values, { ownAgency: false }));
    expect(body.service_fee_vnd).toBeNull();
    expect('status' in body).toBe(false);
    expect(body.worker?.phone).toBeNull();
  });
});

describe('the money and count inputs', () => {
  const typed = (changes: FormValues) => ({ ...valuesFromPlacement(placement), ...changes });

  it('reads amounts as typed in Vietnam and sends them canonical', () => {
    const body = bodyOf(
      toPlacementIn(
        typed({ monthly_salary: '180.000', service_fee_vnd: '30.000.000', deposit_vnd: '1 900 000', contract_months: ' 36 ' }),
        { ownAgency: false },
      ),
    );
    expect(body).toMatchObject({ monthly_salary: '180000', service_fee_vnd: 30000000, deposit_vnd: 1900000, contract_months: 36 });
    expect(bodyOf(toPlacementIn(typed({ monthly_salary: '2.500,50' }), { ownAgency: false })).monthly_salary).toBe('2500.5');
    expect(bodyOf(toPlacementUpdate(typed({ monthly_salary: '1,5' }), { ownAgency: false })).monthly_salary).toBe('1.5');
  });

  it('sends nothing and names each input that is not a number of its kind', () => {
    const read = toPlacementIn(
      typed({ monthly_salary: '180k', contract_months: '36,5', loan_vnd: '-5', service_fee_vnd: '1.900.000' }),
      { ownAgency: false },
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error.code).toBe('validation_error');
    expect(read.error.fields).toEqual([
      { field: 'contract_months', code: 'int_from_float', params: { value: '36,5' }, message: "'36,5' must be a whole number" },
      {
        field: 'monthly_salary',
        code: 'number_parsing',
        params: { value: '180k' },
        message: "'180k' is not a number; write it like 180000, 180.000 or 1,5",
      },
      { field: 'loan_vnd', code: 'negative', params: { value: '-5' }, message: "'-5' must not be negative" },
    ]);
    const update = toPlacementUpdate(typed({ deposit_vnd: '1..5' }), { ownAgency: false });
    expect(update.ok ? [] : update.error.fields.map((f) => f.field)).toEqual(['deposit_vnd']);
  });
});

describe('nextStatuses', () => {
  it('offers the changes the API allows', () => {
    expect(nextStatuses('registered')).toEqual(['training', 'contracted', 'cancelled']);
    expect(nextStatuses('departed')).toEqual(['returned', 'returned_early', 'overstayed']);
    expect(nextStatuses('cancelled')).toEqual([]);
  });
});
