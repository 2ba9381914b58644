import type { Complaint, ComplaintStatus, ComplaintUpdate } from '../../api/types';

// How a complaint's status moves, as the API allows it (docs/complaints.md): received, then
// examined (often through an inspection), then resolved with a finding or referred to the
// authority competent for it; a received complaint may be settled at once.
const NEXT: Record<ComplaintStatus, ComplaintStatus[]> = {
  open: ['investigating', 'resolved', 'referred'],
  investigating: ['resolved', 'referred'],
  resolved: [],
  referred: [],
};

/** The statuses a complaint may be given: where it is, then the steps open to it. */
export function statusChoices(status: ComplaintStatus): ComplaintStatus[] {
  return [status, ...NEXT[status]];
}

/** Resolved or referred: done with, its status stays. */
export function isSettled(status: ComplaintStatus): boolean {
  return NEXT[status].length === 0;
}

/** An inspection may be started from a complaint that names an enterprise, has led to none and is not settled. */
export function mayStartInspection(complaint: Pick<Complaint, 'agency_id' | 'inspection_id' | 'status'>): boolean {
  return complaint.agency_id !== null && complaint.inspection_id === null && !isSettled(complaint.status);
}

/** The triage form's values: status, finding ('' | 'true' | 'false'), outcome and the day settled. */
export interface TriageValues {
  status: string;
  substantiated: string;
  outcome: string;
  resolved_on: string;
}

export function triageValues(complaint: Complaint): TriageValues {
  return {
    status: complaint.status,
    substantiated: complaint.substantiated === null ? '' : String(complaint.substantiated),
    outcome: complaint.outcome ?? '',
    resolved_on: complaint.resolved_on ?? '',
  };
}

/**
 * The PATCH body of a triage: only what changed, so that a save that changes nothing sends
 * nothing the API would judge again (a settled complaint's status, say).
 */
export function triageBody(complaint: Complaint, values: TriageValues): ComplaintUpdate {
  const body: ComplaintUpdate = {};
  if (values.status !== complaint.status) body.status = values.status as ComplaintStatus;
  const substantiated = values.substantiated === '' ? null : values.substantiated === 'true';
  if (substantiated !== complaint.substantiated) body.substantiated = substantiated;
  const outcome = values.outcome.trim() || null;
  if (outcome !== complaint.outcome) body.outcome = outcome;
  const resolvedOn = values.resolved_on || null;
  if (resolvedOn !== complaint.resolved_on) body.resolved_on = resolvedOn;
  return body;
}
