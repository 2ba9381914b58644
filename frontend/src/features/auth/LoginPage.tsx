import { useEffect, useId, useState, type FormEvent } from 'react';
import { useToken } from '../../auth/useToken';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { navigate, safeNext, useLocation } from '../../router/router';
import { useLogin } from './api';

export default function LoginPage() {
  const { t } = useI18n();
  const token = useToken();
  const { search } = useLocation();
  const next = safeNext(new URLSearchParams(search).get('next'), '/markets');
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const ids = { username: useId(), password: useId(), hint: useId() };

  useEffect(() => {
    if (token) navigate(next, { replace: true });
  }, [token, next]);

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
    <section className="page page--narrow">
      <h1>{t('login.title')}</h1>
      <p className="lead">{t('login.intro')}</p>
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
    </section>
  );
}
