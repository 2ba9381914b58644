import { Suspense, useEffect, useRef } from 'react';
import { useToken } from './auth/useToken';
import { Header } from './components/Header';
import { Loading } from './components/Loading';
import { useI18n } from './i18n/I18nProvider';
import { matchPath, navigate, useLocation } from './router/router';
import { NotFoundPage, routes } from './routes';

function RouteView() {
  const { pathname, search } = useLocation();
  const token = useToken();
  const route = routes.find((r) => matchPath(r.path, pathname) !== null);
  const blocked = route?.auth === true && !token;

  useEffect(() => {
    if (blocked) {
      navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
    }
  }, [blocked, pathname, search]);

  if (blocked) return null;
  const Page = route?.page ?? NotFoundPage;
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
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
        <RouteView />
      </main>
    </>
  );
}
