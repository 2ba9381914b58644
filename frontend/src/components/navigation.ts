import type { Me } from '../api/types';
import { can, type Capability } from '../auth/roles';
import type { MessageKey } from '../i18n/core';

interface NavItem {
  to: string | ((me: Me) => string);
  label: MessageKey;
  can: Capability;
}

/** The public fee check (docs/law.md, "The public fee check"): a Vietnamese address for workers to type. */
export const FEE_CHECK_PATH = '/kiem-tra-phi';
/** The public check of recruitment notices (docs/notices.md): a Vietnamese address too. */
export const NOTICE_CHECK_PATH = '/kiem-tra-thong-bao';

// The main menu; each entry shows only to the roles that may open it.
const NAV: NavItem[] = [
  { to: '/dashboard', label: 'nav.dashboard', can: 'dashboard.view' },
  { to: '/placements', label: 'nav.placements', can: 'placements.read' },
  { to: '/import', label: 'nav.import', can: 'placements.import' },
  { to: '/targets', label: 'nav.targets', can: 'targets.read' },
  { to: '/inspections', label: 'nav.inspections', can: 'inspections.read' },
  { to: '/complaints', label: 'nav.complaints', can: 'complaints.read' },
  { to: '/agencies', label: 'nav.agencies', can: 'agencies.list' },
  { to: (me) => `/agencies/${me.agency_id ?? ''}`, label: 'nav.myAgency', can: 'agencies.own' },
  { to: '/reports', label: 'nav.reports', can: 'reports.file' },
  { to: '/report-tracking', label: 'nav.reportTracking', can: 'reports.track' },
  { to: '/recruitment-notices', label: 'nav.notices', can: 'notices.read' },
  { to: '/markets', label: 'nav.markets', can: 'markets.read' },
  { to: '/rules', label: 'nav.rules', can: 'rules.read' },
  { to: '/users', label: 'nav.users', can: 'admin.accounts' },
  { to: '/api-clients', label: 'nav.apiClients', can: 'admin.accounts' },
  { to: '/working-days', label: 'nav.workingDays', can: 'rules.workingDays' },
];

export function navFor(me: Me): { to: string; label: MessageKey }[] {
  return NAV.filter((item) => can(me.role, item.can)).map((item) => ({
    to: typeof item.to === 'string' ? item.to : item.to(me),
    label: item.label,
  }));
}

/** True when `pathname` is the item's page or one below it (`/placements/12` is in Placements). */
export function isActive(to: string, pathname: string): boolean {
  return pathname === to || pathname.startsWith(`${to}/`);
}
