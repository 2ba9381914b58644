import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../router/router';
import { Page } from './Page';

/** Shown instead of a page the user's role may not open. */
export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <Page title={t('forbidden.title')}>
      <p>{t('forbidden.body')}</p>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </Page>
  );
}
