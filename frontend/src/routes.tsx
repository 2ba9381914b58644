import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

// Each page is its own chunk, so the first load carries only the shell and the page shown.
export interface RouteDef {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** Pages that need a logged-in user redirect to /login otherwise. */
  auth?: boolean;
}

export const routes: RouteDef[] = [
  { path: '/', page: lazy(() => import('./features/public/PublicHomePage')) },
  { path: '/login', page: lazy(() => import('./features/auth/LoginPage')) },
  { path: '/markets', page: lazy(() => import('./features/markets/MarketsPage')), auth: true },
];

export const NotFoundPage = lazy(() => import('./components/NotFoundPage'));
