import { useLogout } from '../features/auth/api';
import { useToken } from '../auth/useToken';
import { useI18n } from '../i18n/I18nProvider';
import { Link, useLocation } from '../router/router';
import { LanguageSwitch } from './LanguageSwitch';
import { WhoAmI } from './WhoAmI';

export function Header() {
  const { t } = useI18n();
  const token = useToken();
  const logout = useLogout();
  const { pathname } = useLocation();

  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link to="/" className="brand">
          <img src="/favicon.svg" alt="" width={32} height={32} />
          <span className="brand__name">{t('app.name')}</span>
        </Link>
        <nav aria-label={t('nav.main')} className="site-nav">
          <Link to="/">{t('nav.home')}</Link>
          {token && <Link to="/markets">{t('nav.markets')}</Link>}
        </nav>
        <div className="site-header__tools">
          {token && <WhoAmI />}
          <LanguageSwitch />
          {token ? (
            <button type="button" className="button button--light" onClick={logout}>
              {t('nav.logout')}
            </button>
          ) : (
            pathname !== '/login' && (
              <Link to="/login" className="button button--light">
                {t('nav.login')}
              </Link>
            )
          )}
        </div>
      </div>
    </header>
  );
}
