import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router/router';

/** Another enterprise's record answers 404 like a missing one: ids cannot be probed. */
export function PlacementNotFound() {
  const { t } = useI18n();
  return (
    <Page title={t('placements.notFound')}>
      <p>{t('placements.notFoundBody')}</p>
      <p>
        <Link to="/placements">{t('placements.backToList')}</Link>
      </p>
    </Page>
  );
}
