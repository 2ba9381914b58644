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

type Remedy = Pick<Violation, 'remedied_on' | 'waived' | 'remedy_due'>;

/** Open: neither remedied nor waived (the inspection cannot close while one is). */
export function isOpen(violation: Remedy): boolean {
  return !violation.remedied_on && !violation.waived;
}

/**
 * The overdue-remedy rule, the only copy in the web app: an open violation whose remedy was
 * due before `today` (an ISO day), marked "Quá hạn khắc phục" (docs/huong-dan-su-dung.md). The
 * API counts the same ones for `?overdue=true`.
 */
export function isOverdue(violation: Remedy, today: string): boolean {
  return isOpen(violation) && violation.remedy_due !== null && violation.remedy_due < today;
}
