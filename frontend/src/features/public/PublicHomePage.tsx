import { useMemo } from 'react';
import { firstTotal, flattenPages } from '../../api/pagination';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { LoadMore } from '../../components/LoadMore';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { ProgressBreakdown } from '../dashboard/ProgressBreakdown';
import { ProgressSummary } from '../dashboard/ProgressSummary';
import { marketName, TierBadge, useProgrammeList } from '../markets/MarketTable';
import { usePublicAgencies, usePublicMarkets, usePublicProgress, type PublicAgency, type PublicMarket } from './api';

const RECORDS_PER_MARKET = 3;

function MarketCard({ market }: { market: PublicMarket }) {
  const { t, lang, formatDate } = useI18n();
  const programmes = useProgrammeList();
  const records = market.records.slice(0, RECORDS_PER_MARKET);
  return (
    <li className="card market-card">
      <h3>
        <span>{marketName(market, lang)}</span>
        <TierBadge tier={market.tier} />
      </h3>
      <p className="market-card__meta">
        <span className="code">{market.code}</span>
        {market.programmes.length ? ` · ${programmes(market.programmes)}` : null}
      </p>
      {records.length > 0 && (
        <>
          <p className="market-card__meta">{t('public.records')}</p>
          <ul className="market-card__records">
            {records.map((record, i) => (
              <li key={`${record.effective_on}-${i}`}>
                <time dateTime={record.effective_on}>{formatDate(record.effective_on)}</time>: {record.title}
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

function PublicProgress() {
  const { t } = useI18n();
  const progress = usePublicProgress();
  const rows = useMemo(() => progress.data?.rows ?? [], [progress.data]);
  const labels = useMemo(() => rows.map((row) => row.label), [rows]);
  return (
    <section className="section section--first" aria-labelledby="public-progress">
      <h2 id="public-progress">
        {progress.data
          ? t('dashboard.progressTitle', { from: String(progress.data.year_from), to: String(progress.data.year_to) })
          : t('dashboard.progress')}
      </h2>
      {progress.isPending && <Loading />}
      {progress.isError && <ErrorAlert error={progress.error} onRetry={() => void progress.refetch()} />}
      {progress.data && (
        <>
          <ProgressSummary progress={progress.data} />
          <div className="card chart-panel">
            <h3>{t('dashboard.byYear')}</h3>
            <ProgressBreakdown title={t('dashboard.byYear')} rows={rows} labels={labels} testId="public-by-year" />
          </div>
        </>
      )}
    </section>
  );
}

function AgencyTable({ agencies }: { agencies: PublicAgency[] }) {
  const { t, tv } = useI18n();
  return (
    <table className="data-table">
      <caption className="visually-hidden">{t('agencies.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('agencies.licenceNo')}</th>
          <th scope="col">{t('agencies.name')}</th>
          <th scope="col">{t('agencies.status')}</th>
        </tr>
      </thead>
      <tbody>
        {agencies.map((agency) => (
          <tr key={agency.licence_no}>
            <td data-label={t('agencies.licenceNo')}>{agency.licence_no}</td>
            <th scope="row" data-label={t('agencies.name')}>
              {agency.name}
            </th>
            <td data-label={t('agencies.status')}>
              <span className={`badge badge--${agency.status}`}>{tv('agencyStatus', agency.status)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function PublicHomePage() {
  const { t } = useI18n();
  const markets = usePublicMarkets();
  const agencies = usePublicAgencies();
  const marketItems = markets.data ?? [];
  const agencyItems = flattenPages(agencies.data);

  return (
    <Page title={t('public.title')} lead={t('public.intro')}>
      <PublicProgress />

      <section className="section" aria-labelledby="public-markets">
        <h2 id="public-markets">{t('public.markets')}</h2>
        {markets.isPending && <Loading />}
        {markets.isError && <ErrorAlert error={markets.error} onRetry={() => void markets.refetch()} />}
        {markets.data &&
          (marketItems.length === 0 ? (
            <p>{t('common.empty')}</p>
          ) : (
            <ul className="market-cards">
              {marketItems.map((market) => (
                <MarketCard key={market.code} market={market} />
              ))}
            </ul>
          ))}
      </section>

      <section className="section" aria-labelledby="public-agencies">
        <h2 id="public-agencies">{t('public.agencies')}</h2>
        {agencies.isPending && <Loading />}
        {agencies.isError && <ErrorAlert error={agencies.error} onRetry={() => void agencies.refetch()} />}
        {agencies.data &&
          (agencyItems.length === 0 ? (
            <p>{t('common.empty')}</p>
          ) : (
            <>
              <AgencyTable agencies={agencyItems} />
              <LoadMore
                shown={agencyItems.length}
                total={firstTotal(agencies.data)}
                hasMore={agencies.hasNextPage}
                loading={agencies.isFetchingNextPage}
                onLoadMore={() => void agencies.fetchNextPage()}
              />
            </>
          ))}
      </section>

      <p className="note">{t('public.noPersonalData')}</p>
    </Page>
  );
}
