import { useMe } from '../features/auth/api';
import { useI18n } from '../i18n/I18nProvider';

/** The logged-in user's name and role, from GET /auth/me. */
export function WhoAmI() {
  const { t, tv } = useI18n();
  const { data: me } = useMe();
  if (!me) return null;
  const role = tv('role', me.role);
  return (
    <p className="whoami" data-testid="whoami" title={t('whoami.label', { username: me.username, role })}>
      <span className="visually-hidden">{t('whoami.label', { username: me.username, role })}</span>
      <span aria-hidden="true">
        <span className="whoami__user">{me.username}</span>
        <span className="whoami__role">{role}</span>
      </span>
    </p>
  );
}
