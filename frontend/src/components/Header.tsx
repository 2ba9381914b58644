import { useEffect, useId, useState } from 'react';
import { useLogout, useMe } from '../features/auth/api';
import { useToken } from '../auth/useToken';
import { homePath } from '../auth/roles';
import { useI18n } from '../i18n/I18nProvider';
import { Link, useLocation } from '../router/router';
import { LanguageSwitch } from './LanguageSwitch';
import { FEE_CHECK_PATH, isActive, navFor } from './navigation';
import { WhoAmI } from './WhoAmI';

export function Header() {
  const { t } = useI18n();
  const token = useToken();
  const { data: me } = useMe();
  const logout = useLogout();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();

  // A phone's menu closes once a page is chosen.
  useEffect(() => setMenuOpen(false), [pathname]);

  const items = token && me ? navFor(me) : [];
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link to={me ? homePath(me.role) : '/'} className="brand">
          <img src="/favicon.svg" alt="" width={32} height={32} />
          <span className="brand__name">{t('app.name')}</span>
        </Link>
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
      {items.length > 0 && (
        <div className="site-nav-bar">
          <div className="container">
            <button
              type="button"
              className="nav-toggle"
              aria-expanded={menuOpen}
              aria-controls={menuId}
              onClick={() => setMenuOpen((open) => !open)}
            >
              {t('nav.menu')}
            </button>
            <nav aria-label={t('nav.main')} id={menuId} className={`site-nav${menuOpen ? ' site-nav--open' : ''}`}>
              {items.map((item) => (
                <Link key={item.to} to={item.to} aria-current={isActive(item.to, pathname) ? 'page' : undefined}>
                  {t(item.label)}
                </Link>
              ))}
              <Link to="/" aria-current={pathname === '/' ? 'page' : undefined}>
                {t('nav.public')}
              </Link>
              <Link to={FEE_CHECK_PATH} aria-current={pathname === FEE_CHECK_PATH ? 'page' : undefined}>
                {t('nav.feeCheck')}
              </Link>
            </nav>
          </div>
        </div>
      )}
      {!token && (
        <div className="site-nav-bar">
          <div className="container">
            {/* A visitor's two public pages fit a phone's width, so they show without a menu button. */}
            <nav aria-label={t('nav.main')} className="site-nav site-nav--public">
              <Link to="/" aria-current={pathname === '/' ? 'page' : undefined}>
                {t('nav.public')}
              </Link>
              <Link to={FEE_CHECK_PATH} aria-current={pathname === FEE_CHECK_PATH ? 'page' : undefined}>
                {t('nav.feeCheck')}
              </Link>
            </nav>
          </div>
        </div>
      )}
    </header>
  );
}
