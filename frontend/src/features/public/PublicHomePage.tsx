import { useMemo } from 'react';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListView } from '../../components/ListView';
import { Loading } from '../../components/Loading';
import { FEE_CHECK_PATH, NOTICE_CHECK_PATH } from '../../components/navigation';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router/router';
import { AgencyStatusBadge } from '../agencies/AgencyStatusBadge';
import { ProgressBreakdown } from '../dashboard/ProgressBreakdown';
import { ProgressSummary } from '../dashboard/ProgressSummary';
import { marketName, TierBadge, useProgrammeList } from '../markets/MarketTable';
import { CITY_CODE, CommuneMap } from '../map/CommuneMap';
import {
  usePublicAgencies,
  usePublicCommuneProgress,
  usePublicMarkets,
  usePublicProgress,
  type PublicAgency,
  type PublicMarket,
} from './api';

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
  const byCommune = usePublicCommuneProgress(
    CITY_CODE,
    { year_from: progress.data?.year_from, year_to: progress.data?.year_to },
    progress.isSuccess,
  );
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
      {progress.isSuccess && <CommuneMap query={byCommune} headingId="public-map" />}
    </section>
  );
}

function AgencyTable({ agencies }: { agencies: PublicAgency[] }) {
  const { t } = useI18n();
  return (
    <DataTable
      caption={t('agencies.caption')}
      scroll={false}
      rows={agencies}
      rowKey={(agency) => agency.licence_no}
      columns={[
        { label: t('agencies.licenceNo'), cell: (agency) => agency.licence_no },
        { label: t('agencies.name'), rowHeader: true, cell: (agency) => agency.name },
        { label: t('agencies.status'), cell: (agency) => <AgencyStatusBadge status={agency.status} /> },
      ]}
    />
  );
}

export default function PublicHomePage() {
  const { t } = useI18n();
  const markets = usePublicMarkets();
  const agencies = usePublicAgencies();

  return (
    <Page title={t('public.title')} lead={t('public.intro')}>
      <div className="alert alert--info fee-check-callout">
        <p>{t('public.feeCheckLead')}</p>
        <p>
          <Link to={FEE_CHECK_PATH} className="button">
            {t('public.feeCheckLink')}
          </Link>
        </p>
        <p>{t('public.noticeCheckLead')}</p>
        <p>
          <Link to={NOTICE_CHECK_PATH} className="button">
            {t('public.noticeCheckLink')}
          </Link>
        </p>
      </div>
      <PublicProgress />

      <section className="section" aria-labelledby="public-markets">
        <h2 id="public-markets">{t('public.markets')}</h2>
        <ListView query={markets} empty={t('common.empty')} plainEmpty>
          {(items) => (
            <ul className="market-cards">
              {items.map((market) => (
                <MarketCard key={market.code} market={market} />
              ))}
            </ul>
          )}
        </ListView>
      </section>

      <section className="section" aria-labelledby="public-agencies">
        <h2 id="public-agencies">{t('public.agencies')}</h2>
        <ListView query={agencies} empty={t('common.empty')} plainEmpty>
          {(items) => <AgencyTable agencies={items} />}
        </ListView>
      </section>

      <p className="note">{t('public.noPersonalData')}</p>
    </Page>
  );
}
