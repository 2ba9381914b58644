import { useI18n } from '../i18n/I18nProvider';

interface Props {
  shown: number;
  total: number | null;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

/** The count of rows shown and, while the cursor walk is not complete, a "Load more" button. */
export function LoadMore({ shown, total, hasMore, loading, onLoadMore }: Props) {
  const { t } = useI18n();
  return (
    <div className="load-more">
      <p className="load-more__count" aria-live="polite">
        {total !== null ? t('common.shownOf', { shown, total }) : t('common.shown', { shown })}
      </p>
      {hasMore && (
        <button type="button" className="button button--secondary" onClick={onLoadMore} disabled={loading}>
          {loading ? t('common.loading') : t('common.loadMore')}
        </button>
      )}
    </div>
  );
}
