import { useEffect, useId, useState, type FormEvent } from 'react';
import { homePath } from '../../auth/roles';
import { useToken } from '../../auth/useToken';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { navigate, safeNext, useLocation } from '../../router/router';
import { useLogin, useMe } from './api';

export default function LoginPage() {
  const { t } = useI18n();
  const token = useToken();
  const { search } = useLocation();
  const next = new URLSearchParams(search).get('next');
  const login = useLogin();
  const me = useMe();
  const role = me.data?.role;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const ids = { username: useId(), password: useId(), hint: useId() };

  // Back to the page that asked for a login, else to the role's own start page.
  useEffect(() => {
    if (!token) return;
    if (next) navigate(safeNext(next, '/'), { replace: true });
    else if (role) navigate(homePath(role), { replace: true });
  }, [token, next, role]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    login.mutate({ username: username.trim(), password });
  };

  return (
    <Page title={t('login.title')} lead={t('login.intro')} narrow>
      <form className="form card" onSubmit={onSubmit} noValidate aria-describedby={missing ? ids.hint : undefined}>
        {missing && (
          <div className="alert alert--error" role="alert" id={ids.hint}>
            <p>{t('login.required')}</p>
          </div>
        )}
        {login.isError && <ErrorAlert error={login.error} />}
        <div className="field">
          <label htmlFor={ids.username}>{t('login.username')}</label>
          <input
            id={ids.username}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            aria-invalid={missing && !username.trim() ? true : undefined}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.password}>{t('login.password')}</label>
          <input
            id={ids.password}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            aria-invalid={missing && !password ? true : undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={login.isPending}>
          {login.isPending ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </Page>
  );
}
