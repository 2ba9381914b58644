import type { Role } from '../api/types';

// What each role may do, as the API enforces it (docs/security.md, "Roles and isolation");
// the SPA only uses this to decide what to show; the server still answers 403/404 on its own.
const STAFF: Role[] = ['admin', 'officer', 'inspector', 'viewer'];

const RULES = {
  'dashboard.view': STAFF,
  // Administrators read the register (masked, like viewers) to support its users; they write
  // nothing in it (docs/security.md, "The minimum for each role").
  'placements.read': ['officer', 'inspector', 'viewer', 'admin', 'agency'],
  // Who sees national IDs in full, and so may search by their first or last digits; the
  // others search by the complete number only (docs/api.md, "Sorting").
  'placements.partialIdSearch': ['officer', 'inspector', 'agency'],
  'placements.write': ['officer', 'agency'],
  'placements.export': ['officer', 'viewer', 'agency'],
  'placements.import': ['officer', 'agency'],
  'placements.assignCommune': ['officer'],
  'targets.read': STAFF,
  'targets.write': ['officer'],
  'inspections.read': [...STAFF, 'agency'],
  'inspections.write': ['officer', 'inspector'],
  'inspections.priorities': ['officer', 'inspector'],
  'reports.annual': ['officer', 'viewer'],
  // The complaints register: officers and inspectors only, so that no enterprise learns who
  // complained (docs/complaints.md).
  'complaints.read': ['officer', 'inspector'],
  'complaints.write': ['officer', 'inspector'],
  'agencies.list': STAFF,
  'agencies.own': ['agency'],
  // Whether an enterprise reports here or where its head office is (docs/huong-dan-su-dung.md,
  // "Báo cáo định kỳ"): the same roles that may change an enterprise.
  'agencies.write': ['officer', 'admin'],
  // Periodic reports (Circular 20/2021/TT-BLĐTBXH Art. 11, Circular 21/2021/TT-BLĐTBXH Art. 15):
  // an enterprise files its own; officers and inspectors follow everyone's; officers record
  // the reports that came in on paper.
  'reports.file': ['agency'],
  'reports.track': ['officer', 'inspector'],
  'reports.record': ['officer'],
  'compliance.read': [...STAFF, 'agency'],
  'markets.read': [...STAFF, 'agency'],
  'markets.write': ['officer', 'admin'],
  // Recruitment notices (docs/notices.md): staff read every one, an enterprise its own; the
  // enterprise files and withdraws, officers acknowledge or reject.
  'notices.read': [...STAFF, 'agency'],
  'notices.file': ['agency'],
  'admin.accounts': ['admin'],
  // Staff may read the swapped days; only administrators record them (docs/law.md).
  'rules.workingDays': ['admin'],
  // The caps and the decree's acts: staff read them; administrators add, end and confirm
  // them (docs/law.md, "Caps on fees and deposits" and "Violations the decree sanctions").
  'rules.read': STAFF,
  'rules.write': ['admin'],
} satisfies Record<string, Role[]>;

export type Capability = keyof typeof RULES;

export function can(role: Role | null | undefined, capability: Capability): boolean {
  return role != null && (RULES[capability] as Role[]).includes(role);
}

/** Where a user lands after logging in. */
export function homePath(role: Role): string {
  return can(role, 'dashboard.view') ? '/dashboard' : '/placements';
}
