import { describe, expect, it } from 'vitest';
import type { Placement } from '../../api/types';
import { parseInteger } from '../../forms/parseInteger';
import { toPlacementIn, toPlacementUpdate, valuesFromPlacement } from './formModel';
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
  notes: null,
  flags: [],
  version: 2,
  created_at: '2024-01-10T00:00:00Z',
  updated_at: '2024-01-10T00:00:00Z',
};

describe('parseInteger', () => {
  it('reads amounts as typed in Vietnam', () => {
    expect(parseInteger('30.000.000')).toBe(30000000);
    expect(parseInteger('30 000 000')).toBe(30000000);
    expect(parseInteger('36')).toBe(36);
    expect(parseInteger('ba mươi')).toBe('ba mươi');
  });
});

describe('the placement form model', () => {
  it('round-trips a placement through the form values', () => {
    const values = valuesFromPlacement(placement);
    expect(values['worker.policy_groups']).toBe('poor_household,ethnic_minority');
    const body = toPlacementIn(values, { ownAgency: false });
    expect(body.worker).toMatchObject({ national_id: '049095001234', policy_groups: ['poor_household', 'ethnic_minority'] });
    expect(body).toMatchObject({ agency_id: 3, contract_months: 36, service_fee_vnd: 30000000, loan_vnd: 0 });
    expect('deposit_vnd' in body).toBe(false);
    expect('employer_name' in body).toBe(false);
  });

  it("never sends an enterprise user's enterprise", () => {
    const body = toPlacementIn({ agency_id: '9', channel: 'service_enterprise' }, { ownAgency: true });
    expect('agency_id' in body).toBe(false);
  });

  it('clears emptied inputs on edit and leaves the status to transitions', () => {
    const values = { ...valuesFromPlacement(placement), service_fee_vnd: '', status: 'departed' };
    const body = toPlacementUpdate(values, { ownAgency: false });
    expect(body.service_fee_vnd).toBeNull();
    expect('status' in body).toBe(false);
    expect(body.worker?.phone).toBeNull();
  });
});

describe('nextStatuses', () => {
  it('offers the changes the API allows', () => {
    expect(nextStatuses('registered')).toEqual(['training', 'contracted', 'cancelled']);
    expect(nextStatuses('departed')).toEqual(['returned', 'returned_early', 'overstayed']);
    expect(nextStatuses('cancelled')).toEqual([]);
  });
});
