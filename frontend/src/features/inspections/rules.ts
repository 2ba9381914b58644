import type { InspectionStatus, Violation } from '../../api/types';

// The lifecycle the API allows: planned → in_progress → concluded → closed.
type Step = Exclude<InspectionStatus, 'planned'>;

const NEXT: Record<InspectionStatus, Step | null> = {
  planned: 'in_progress',
  in_progress: 'concluded',
  concluded: 'closed',
  closed: null,
};

export function nextInspectionStatus(status: InspectionStatus): Step | null {
  return NEXT[status];
}

/** A remedy past its deadline that is neither done nor waived. */
export function isOverdue(violation: Violation, today: string): boolean {
  return !violation.remedied_on && !violation.waived && violation.remedy_due !== null && violation.remedy_due < today;
}

/** Open: neither remedied nor waived (the inspection cannot close while one is). */
export function isOpen(violation: Violation): boolean {
  return !violation.remedied_on && !violation.waived;
}
