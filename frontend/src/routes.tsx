import type { ComponentType } from 'react';
import type { Capability } from './auth/roles';

// Each page is its own chunk, so the first load carries only the shell and the page shown.
export type PageModule = Promise<{ default: ComponentType }>;

export interface RouteDef {
  path: string;
  /** Downloads the page's code (once; later calls answer from the module cache). */
  load: () => PageModule;
  /** Pages that need a logged-in user redirect to /login otherwise. */
  auth?: boolean;
  /** What the user's role must allow; others see a "not allowed" page. */
  can?: Capability;
}

const page = (load: () => PageModule) => ({ load });

export const routes: RouteDef[] = [
  { path: '/', ...page(() => import('./features/public/PublicHomePage')) },
  { path: '/kiem-tra-phi', ...page(() => import('./features/public/FeeCheckPage')) },
  { path: '/kiem-tra-thong-bao', ...page(() => import('./features/public/NoticeCheckPage')) },
  { path: '/login', ...page(() => import('./features/auth/LoginPage')) },
  { path: '/dashboard', ...page(() => import('./features/dashboard/DashboardPage')), auth: true, can: 'dashboard.view' },
  { path: '/placements', ...page(() => import('./features/placements/PlacementsPage')), auth: true, can: 'placements.read' },
  { path: '/placements/new', ...page(() => import('./features/placements/PlacementCreatePage')), auth: true, can: 'placements.write' },
  { path: '/placements/:id', ...page(() => import('./features/placements/PlacementDetailPage')), auth: true, can: 'placements.read' },
  { path: '/placements/:id/edit', ...page(() => import('./features/placements/PlacementEditPage')), auth: true, can: 'placements.write' },
  { path: '/import', ...page(() => import('./features/import/ImportPage')), auth: true, can: 'placements.import' },
  { path: '/targets', ...page(() => import('./features/targets/TargetsPage')), auth: true, can: 'targets.read' },
  { path: '/inspections', ...page(() => import('./features/inspections/InspectionsPage')), auth: true, can: 'inspections.read' },
  { path: '/inspections/new', ...page(() => import('./features/inspections/InspectionCreatePage')), auth: true, can: 'inspections.write' },
  { path: '/inspections/priorities', ...page(() => import('./features/inspections/PrioritiesPage')), auth: true, can: 'inspections.priorities' },
  { path: '/inspections/:id/print/check-record', ...page(() => import('./features/inspections/PrintCheckRecordPage')), auth: true, can: 'inspections.read' },
  { path: '/inspections/:id/print/sanction-decision', ...page(() => import('./features/inspections/PrintSanctionDecisionPage')), auth: true, can: 'inspections.read' },
  { path: '/inspections/:id', ...page(() => import('./features/inspections/InspectionDetailPage')), auth: true, can: 'inspections.read' },
  { path: '/complaints', ...page(() => import('./features/complaints/ComplaintsPage')), auth: true, can: 'complaints.read' },
  { path: '/complaints/new', ...page(() => import('./features/complaints/ComplaintCreatePage')), auth: true, can: 'complaints.write' },
  { path: '/complaints/:id', ...page(() => import('./features/complaints/ComplaintDetailPage')), auth: true, can: 'complaints.read' },
  { path: '/markets', ...page(() => import('./features/markets/MarketsPage')), auth: true, can: 'markets.read' },
  { path: '/markets/:code', ...page(() => import('./features/markets/MarketDetailPage')), auth: true, can: 'markets.read' },
  { path: '/agencies', ...page(() => import('./features/agencies/AgenciesPage')), auth: true, can: 'agencies.list' },
  { path: '/agencies/:id', ...page(() => import('./features/agencies/AgencyDetailPage')), auth: true, can: 'compliance.read' },
  { path: '/reports', ...page(() => import('./features/reports/ReportsPage')), auth: true, can: 'reports.file' },
  { path: '/report-tracking', ...page(() => import('./features/reports/TrackingPage')), auth: true, can: 'reports.track' },
  { path: '/users', ...page(() => import('./features/admin/UsersPage')), auth: true, can: 'admin.accounts' },
  { path: '/api-clients', ...page(() => import('./features/admin/ApiClientsPage')), auth: true, can: 'admin.accounts' },
  { path: '/recruitment-notices', ...page(() => import('./features/notices/NoticesPage')), auth: true, can: 'notices.read' },
  { path: '/rules', ...page(() => import('./features/rules/RulesPage')), auth: true, can: 'rules.read' },
  { path: '/working-days', ...page(() => import('./features/admin/WorkingDaysPage')), auth: true, can: 'rules.workingDays' },
];

export const notFound: RouteDef = { path: '*', ...page(() => import('./components/NotFoundPage')) };
