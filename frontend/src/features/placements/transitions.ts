import type { PlacementStatus } from '../../api/types';

// The status changes the API allows (POST /placements/{id}/transitions); the form offers only
// these, and the server still has the last word (409 invalid_transition).
const NEXT: Record<PlacementStatus, PlacementStatus[]> = {
  registered: ['training', 'contracted', 'cancelled'],
  training: ['contracted', 'cancelled'],
  contracted: ['departed', 'cancelled'],
  departed: ['returned', 'returned_early', 'overstayed'],
  overstayed: ['returned'],
  returned: [],
  returned_early: [],
  cancelled: [],
};

export function nextStatuses(status: PlacementStatus): PlacementStatus[] {
  return NEXT[status];
}

/** A status nothing follows: once recorded, the placement cannot move on (or back). */
export function isFinal(status: PlacementStatus): boolean {
  return NEXT[status].length === 0;
}
