import type { Placement, PlacementIn, PlacementUpdate } from '../../api/types';
import type { FormValues } from '../../components/form/kit';
import { readNumbers, type FormBody, type NumberInputs } from '../../forms/numberInputs';

export type { FormBody };

// The placement form keeps every input as text under the API's own field path, so a 422's
// `errors[].field` names the input directly; these functions convert to and from the API.

export const WORKER_FIELDS = [
  'worker.full_name',
  'worker.national_id',
  'worker.previous_national_id',
  'worker.date_of_birth',
  'worker.sex',
  'worker.home_area_code',
  'worker.phone',
  'worker.policy_groups',
] as const;

export const CONTRACT_FIELDS = [
  'agency_id',
  'channel',
  'external_ref',
  'market_code',
  'programme',
  'occupation',
  'employer_name',
  'contract_months',
  'monthly_salary',
  'salary_currency',
  'recruitment_notice_id',
] as const;

export const MONEY_FIELDS = ['service_fee_vnd', 'deposit_vnd', 'loan_vnd'] as const;

export const STATUS_FIELDS = ['status', 'registered_on', 'contract_signed_on', 'departure_date', 'return_date', 'notes'] as const;

export type PlacementField =
  | (typeof WORKER_FIELDS)[number]
  | (typeof CONTRACT_FIELDS)[number]
  | (typeof MONEY_FIELDS)[number]
  | (typeof STATUS_FIELDS)[number];

/** Every input, in the order of the form (the first invalid one gets the focus). */
export const PLACEMENT_FIELDS: readonly PlacementField[] = [...WORKER_FIELDS, ...CONTRACT_FIELDS, ...MONEY_FIELDS, ...STATUS_FIELDS];

const INTEGER_FIELDS = new Set(['agency_id', 'recruitment_notice_id', 'contract_months', 'service_fee_vnd', 'deposit_vnd', 'loan_vnd']);
/** A salary in a foreign currency may have decimals; it goes as text so nothing is rounded. */
const DECIMAL_FIELDS = new Set(['monthly_salary']);

export function emptyPlacementValues(today: string): FormValues {
  return { channel: 'service_enterprise', status: 'registered', registered_on: today };
}

export function valuesFromPlacement(p: Placement): FormValues {
  const text = (value: string | number | null | undefined) => (value === null || value === undefined ? '' : String(value));
  return {
    'worker.full_name': p.worker.full_name,
    'worker.national_id': p.worker.national_id,
    'worker.previous_national_id': text(p.worker.previous_national_id),
    'worker.date_of_birth': p.worker.date_of_birth,
    'worker.sex': p.worker.sex,
    'worker.home_area_code': p.worker.home_area_code,
    'worker.phone': text(p.worker.phone),
    'worker.policy_groups': (p.worker.policy_groups ?? []).join(','),
    agency_id: text(p.agency_id),
    channel: p.channel,
    external_ref: text(p.external_ref),
    market_code: p.market_code,
    programme: text(p.programme),
    occupation: p.occupation,
    employer_name: text(p.employer_name),
    contract_months: text(p.contract_months),
    monthly_salary: p.monthly_salary,
    salary_currency: p.salary_currency,
    recruitment_notice_id: text(p.recruitment_notice_id),
    service_fee_vnd: text(p.service_fee_vnd),
    deposit_vnd: text(p.deposit_vnd),
    loan_vnd: text(p.loan_vnd),
    status: p.status,
    registered_on: p.registered_on,
    contract_signed_on: text(p.contract_signed_on),
    departure_date: text(p.departure_date),
    return_date: text(p.return_date),
    notes: text(p.notes),
  };
}

type Json = Record<string, unknown>;

/** The values as API fields: empty inputs become `empty` (left out, or null to clear). */
function toFields(values: FormValues, fields: readonly string[], empty: undefined | null, numbers: NumberInputs): Json {
  const body: Json = {};
  const worker: Json = {};
  for (const field of fields) {
    const raw = (values[field] ?? '').trim();
    let value: unknown;
    if (field === 'worker.policy_groups') value = raw ? raw.split(',') : [];
    else if (raw === '') value = empty;
    else if (INTEGER_FIELDS.has(field)) value = numbers.integer(field, raw);
    else if (DECIMAL_FIELDS.has(field)) value = numbers.decimal(field, raw);
    else value = raw;
    if (value === undefined) continue;
    if (field.startsWith('worker.')) worker[field.slice('worker.'.length)] = value;
    else body[field] = value;
  }
  body.worker = worker;
  return body;
}

interface Reading {
  /** An enterprise user's own enterprise is set by the API, never sent. */
  ownAgency: boolean;
}

/** The body of POST /placements, its numbers read with `numbers`. */
export function placementIn(values: FormValues, { ownAgency }: Reading, numbers: NumberInputs): PlacementIn {
  const fields = PLACEMENT_FIELDS.filter((f) => !(ownAgency && f === 'agency_id'));
  return toFields(values, fields, undefined, numbers) as unknown as PlacementIn;
}

/** The body of PATCH /placements/{id}; the status changes through transitions instead. */
export function placementUpdate(values: FormValues, { ownAgency }: Reading, numbers: NumberInputs): PlacementUpdate {
  const fields = PLACEMENT_FIELDS.filter((f) => f !== 'status' && !(ownAgency && f === 'agency_id'));
  // A required input left empty is sent as null too: the API answers "may not be null" for it.
  return toFields(values, fields, null, numbers) as unknown as PlacementUpdate;
}

/** The body of POST /placements, or the inputs that are not numbers. */
export function toPlacementIn(values: FormValues, reading: Reading): FormBody<PlacementIn> {
  return readNumbers((numbers) => placementIn(values, reading, numbers));
}

/** The body of PATCH /placements/{id}, or the inputs that are not numbers. */
export function toPlacementUpdate(values: FormValues, reading: Reading): FormBody<PlacementUpdate> {
  return readNumbers((numbers) => placementUpdate(values, reading, numbers));
}
