import { ListView } from '../../components/ListView';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { useMarkets } from './api';
import { MarketTable } from './MarketTable';

export default function MarketsPage() {
  const { t } = useI18n();
  const query = useMarkets();

  return (
    <Page title={t('markets.title')} lead={t('markets.intro')}>
      <ListView query={query} empty={t('common.empty')} plainEmpty>
        {(markets) => <MarketTable markets={markets} caption={t('markets.caption')} />}
      </ListView>
    </Page>
  );
}
