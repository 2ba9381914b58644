import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

interface Props {
  title: string;
  lead?: ReactNode;
  /** Buttons shown beside the title (downloads, "new"). */
  actions?: ReactNode;
  narrow?: boolean;
  children: ReactNode;
}

/** A page with its heading; the browser tab shows the page's title too. */
export function Page({ title, lead, actions, narrow = false, children }: Props) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.shortName')}`;
  }, [title, t]);
  return (
    <section className={`page${narrow ? ' page--narrow' : ''}`}>
      <div className="page__header">
        <h1>{title}</h1>
        {actions && <div className="page__actions">{actions}</div>}
      </div>
      {lead && <p className="lead">{lead}</p>}
      {children}
    </section>
  );
}
