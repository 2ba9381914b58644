import { firstTotal, flattenPages } from '../../api/pagination';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { LoadMore } from '../../components/LoadMore';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { useMarkets } from './api';
import { MarketTable } from './MarketTable';

export default function MarketsPage() {
  const { t } = useI18n();
  const query = useMarkets();
  const markets = flattenPages(query.data);

  return (
    <Page title={t('markets.title')} lead={t('markets.intro')}>
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data &&
        (markets.length === 0 ? (
          <p>{t('common.empty')}</p>
        ) : (
          <>
            <MarketTable markets={markets} caption={t('markets.caption')} />
            <LoadMore
              shown={markets.length}
              total={firstTotal(query.data)}
              hasMore={query.hasNextPage}
              loading={query.isFetchingNextPage}
              onLoadMore={() => void query.fetchNextPage()}
            />
          </>
        ))}
    </Page>
  );
}
