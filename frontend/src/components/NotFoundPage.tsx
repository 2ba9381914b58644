import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../router/router';

export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section className="page">
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </section>
  );
}
