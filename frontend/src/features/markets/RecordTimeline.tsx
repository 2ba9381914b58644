import type { MarketRecord } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';

/** A market's dated records, newest first: demand, wages, fee caps, policies, warnings. */
export function RecordTimeline({ records }: { records: MarketRecord[] }) {
  const { t, tv, formatDate, formatNumber } = useI18n();
  const sorted = [...records].sort((a, b) => b.effective_on.localeCompare(a.effective_on) || b.id - a.id);
  return (
    <ol className="timeline" data-testid="market-records">
      {sorted.map((record) => (
        <li key={record.id} className={`timeline__item timeline__item--${record.kind}`}>
          <p className="timeline__head">
            <time dateTime={record.effective_on}>{formatDate(record.effective_on)}</time>{' '}
            <span className={`badge badge--kind-${record.kind}`}>{tv('recordKind', record.kind)}</span>
            {record.public && <span className="badge">{t('records.publicBadge')}</span>}
          </p>
          <h3 className="timeline__title">{record.title}</h3>
          {record.value !== null && (
            <p className="timeline__value">
              {formatNumber(Number(record.value))} {record.unit ?? ''}
            </p>
          )}
          {record.body && <p className="prewrap">{record.body}</p>}
          {record.source && <p className="timeline__meta">{t('records.sourceLine', { source: record.source })}</p>}
        </li>
      ))}
    </ol>
  );
}
