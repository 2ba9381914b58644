import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useI18n, type I18n } from '../../i18n/I18nProvider';
import { usePlacementHistory } from './api';
import { StatusBadge } from './StatusBadge';

/** The system's own reasons (a record created) in words; a person's reason as they wrote it. */
export function historyReason(t: I18n['t'], reason: string): string {
  return reason === 'created' ? t('history.created') : reason;
}

/** The placement's status changes, oldest first: when, who and why. */
export function HistoryList({ placementId }: { placementId: number }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const history = usePlacementHistory(placementId);
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) return <p>{t('common.empty')}</p>;
  return (
    <ol className="timeline">
      {history.data.map((entry, i) => (
        <li key={i} className="timeline__item">
          <p className="timeline__head">
            <StatusBadge status={entry.status} />{' '}
            <time dateTime={entry.on}>{formatDate(entry.on)}</time>
          </p>
          <p className="timeline__meta">
            {t('history.by', { actor: entry.actor })} · <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
          </p>
          {entry.reason && <p>{historyReason(t, entry.reason)}</p>}
        </li>
      ))}
    </ol>
  );
}
