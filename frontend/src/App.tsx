import { useEffect, useRef } from 'react';
import { can } from './auth/roles';
import { useToken } from './auth/useToken';
import { ErrorAlert } from './components/ErrorAlert';
import { ForbiddenPage } from './components/ForbiddenPage';
import { Header } from './components/Header';
import { Loading } from './components/Loading';
import { useMe } from './features/auth/api';
import { useI18n } from './i18n/I18nProvider';
import { matchPath, navigate, RouteParamsContext, useLocation } from './router/router';
import { notFound, routes } from './routes';
import { usePage } from './router/usePage';

function RouteView() {
  const { pathname, search } = useLocation();
  const token = useToken();
  const me = useMe();
  let params: Record<string, string> = {};
  const route = routes.find((r) => {
    const match = matchPath(r.path, pathname);
    if (match) params = match;
    return match !== null;
  });
  const blocked = route?.auth === true && !token;
  // The page's code downloads while the user's role is still being asked for.
  const Page = usePage(route ?? notFound, !blocked);

  useEffect(() => {
    if (blocked) {
      navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
    }
  }, [blocked, pathname, search]);

  if (blocked) return null;
  if (route?.can) {
    if (me.isError) return <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />;
    if (!me.data) return <Loading />;
    if (!can(me.data.role, route.can)) return <ForbiddenPage />;
  }
  if (!Page) return <Loading />;
  return (
    <RouteParamsContext.Provider value={params}>
      <Page />
    </RouteParamsContext.Provider>
  );
}

export function App() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After a client-side navigation, move focus to the new content so keyboard and
  // screen-reader users start from the top of the page, as with a full page load.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header />
      <main id="main" ref={mainRef} tabIndex={-1} className="container">
        <RouteView key={pathname} />
      </main>
      <footer className="site-footer">
        <div className="container">{t('app.footer')}</div>
      </footer>
    </>
  );
}
