import type { ComplaintCategory, ComplaintCreate, ComplaintSource } from '../../api/types';
import type { FormValues } from '../../components/form/kit';
import type { NumberInputs } from '../../forms/numberInputs';

/** The inputs of a new complaint, in the form's order; each is the API field of that name. */
export const COMPLAINT_FIELDS = [
  'received_on',
  'source',
  'category',
  'agency_id',
  'placement_id',
  'area_code',
  'summary',
  'complainant_name',
  'complainant_phone',
  'complainant_address',
] as const;

/**
 * The complainant's particulars: kept in memory only, never in the draft the browser stores
 * (personal data, docs/complaints.md).
 */
export const PERSONAL_FIELDS = ['complainant_name', 'complainant_phone', 'complainant_address'] as const;

export function blankComplaint(today: string): FormValues {
  return { received_on: today, source: 'worker', category: 'fees', agency_id: '', placement_id: '', area_code: '', summary: '' };
}

/** The API body of a new complaint: texts trimmed, blanks left out, the ids as numbers. */
export function complaintBody(values: FormValues, numbers: NumberInputs): ComplaintCreate {
  const text = (name: string) => (values[name] ?? '').trim() || null;
  const id = (name: string) => {
    const typed = (values[name] ?? '').trim();
    return typed ? (numbers.integer(name, typed) ?? null) : null;
  };
  return {
    received_on: values.received_on ?? '',
    source: values.source as ComplaintSource,
    category: values.category as ComplaintCategory,
    summary: (values.summary ?? '').trim(),
    agency_id: id('agency_id'),
    placement_id: id('placement_id'),
    area_code: text('area_code'),
    complainant_name: text('complainant_name'),
    complainant_phone: text('complainant_phone'),
    complainant_address: text('complainant_address'),
  };
}
