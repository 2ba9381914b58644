import { useI18n } from '../i18n/I18nProvider';

interface Props {
  /** The place of the page's first row in the whole list (1 for the first page). */
  from: number;
  /** The rows on this page. */
  count: number;
  /** Every matching row, when the API counted them. */
  total: number | null;
  hasPrev: boolean;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
  loading?: boolean;
}

/** "51–100 của 1.234" and the buttons to the page before and the page after (by cursor). */
export function Pager({ from, count, total, hasPrev, hasNext, onPrev, onNext, loading = false }: Props) {
  const { t, formatNumber } = useI18n();
  const range = { from: formatNumber(from), to: formatNumber(from + count - 1) };
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <p className="pager__range" aria-live="polite" data-testid="pager-range">
        {total !== null ? t('pager.rangeOf', { ...range, total: formatNumber(total) }) : t('pager.range', range)}
      </p>
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={onPrev} disabled={!hasPrev || loading}>
          {t('pager.prev')}
        </button>
        <button type="button" className="button button--secondary" onClick={onNext} disabled={!hasNext || loading}>
          {t('pager.next')}
        </button>
      </div>
    </nav>
  );
}
