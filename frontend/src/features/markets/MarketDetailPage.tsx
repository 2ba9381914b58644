import { useId, useState } from 'react';
import { isNotFound } from '../../api/errors';
import { RECORD_KINDS, type RecordKind } from '../../api/types';
import { can } from '../../auth/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListView } from '../../components/ListView';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, useParams } from '../../router/router';
import { useMe } from '../auth/api';
import { useMarket, useMarketRecords } from './api';
import { marketName, TierBadge, useProgrammeList } from './MarketTable';
import { RecordForm } from './RecordForm';
import { RecordTimeline } from './RecordTimeline';

export default function MarketDetailPage() {
  const { t, tv, lang } = useI18n();
  const { code = '' } = useParams();
  const { data: me } = useMe();
  const market = useMarket(code);
  const [kind, setKind] = useState<RecordKind | undefined>();
  const records = useMarketRecords(code, kind);
  const programmes = useProgrammeList();
  const kindId = useId();

  if (isNotFound(market.error)) {
    return (
      <Page title={t('markets.notFound')}>
        <p>
          <Link to="/markets">{t('markets.backToList')}</Link>
        </p>
      </Page>
    );
  }
  if (market.isPending) return <Loading />;
  if (market.isError) return <ErrorAlert error={market.error} onRetry={() => void market.refetch()} />;
  const m = market.data;

  return (
    <Page title={marketName(m, lang)} lead={<TierBadge tier={m.tier} />}>
      <dl className="facts facts--inline">
        <div className="facts__item">
          <dt>{t('markets.code')}</dt>
          <dd className="code">{m.code}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('markets.programmes')}</dt>
          <dd>{programmes(m.programmes)}</dd>
        </div>
        {m.notes && (
          <div className="facts__item">
            <dt>{t('markets.notes')}</dt>
            <dd>{m.notes}</dd>
          </div>
        )}
      </dl>

      <section className="section" aria-labelledby="market-records">
        <h2 id="market-records">{t('records.heading')}</h2>
        <div className="inline-form">
          <label htmlFor={kindId}>{t('records.kind')}</label>
          <select id={kindId} value={kind ?? ''} onChange={(e) => setKind((e.target.value || undefined) as RecordKind | undefined)}>
            <option value="">{t('filters.all')}</option>
            {RECORD_KINDS.map((k) => (
              <option key={k} value={k}>
                {tv('recordKind', k)}
              </option>
            ))}
          </select>
        </div>
        <ListView query={records} empty={t('records.empty')} plainEmpty>
          {(items) => <RecordTimeline records={items} />}
        </ListView>
      </section>

      {can(me?.role, 'markets.write') && (
        <section className="section card" aria-labelledby="market-add-record">
          <h2 id="market-add-record">{t('records.addTitle')}</h2>
          <RecordForm code={m.code} />
        </section>
      )}
    </Page>
  );
}
