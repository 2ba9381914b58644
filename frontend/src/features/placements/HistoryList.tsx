import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useI18n, type I18n } from '../../i18n/I18nProvider';
import { usePlacementHistory } from './api';
import { StatusBadge } from './StatusBadge';

/** The system's own reasons (a record created) in words; a person's reason as they wrote it. */
export function historyReason(t: I18n['t'], reason: string): string {
  return reason === 'created' ? t('history.created') : reason;
}

// Who wrote an entry: a user's name as it is; the registry's own actors (backend: audit's
// `system`, the `cli` and `retention` commands, the demo loader, `client:<name>` for an API
// client) in words.
const ACTORS = {
  system: 'history.actor.system',
  cli: 'history.actor.cli',
  retention: 'history.actor.retention',
  demo: 'history.actor.demo',
} as const;

/** The one who wrote a history entry, in words. */
export function historyActor(t: I18n['t'], actor: string): string {
  if (actor in ACTORS) return t(ACTORS[actor as keyof typeof ACTORS]);
  if (actor.startsWith('client:')) return t('history.actor.client', { name: actor.slice('client:'.length) });
  return actor;
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
            {t('history.by', { actor: historyActor(t, entry.actor) })} · <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
          </p>
          {entry.reason && <p>{historyReason(t, entry.reason)}</p>}
        </li>
      ))}
    </ol>
  );
}
