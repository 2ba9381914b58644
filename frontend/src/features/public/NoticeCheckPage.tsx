import { useId, useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListView } from '../../components/ListView';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router/router';
import { marketName } from '../markets/MarketTable';
import { usePublicNotices, type PublicNotice } from '../notices/api';
import { CITY_CODE } from '../notices/rules';
import { usePublicCommuneProgress, usePublicMarkets } from './api';

function NoticeCard({ notice }: { notice: PublicNotice }) {
  const { t, formatDate, formatNumber } = useI18n();
  return (
    <li className="card notice-card" data-notice={notice.id}>
      <h3>{notice.agency_name}</h3>
      <dl className="notice-card__facts">
        <dt>{t('noticeCheck.licence')}</dt>
        {/* A licence number holds Vietnamese letters (LĐTBXH): the text font, not the code font. */}
        <dd>{notice.licence_no}</dd>
        <dt>{t('noticeCheck.market')}</dt>
        <dd>{notice.market_name}</dd>
        <dt>{t('noticeCheck.occupation')}</dt>
        <dd>{notice.occupation}</dd>
        <dt>{t('noticeCheck.quota')}</dt>
        <dd>{t('noticeCheck.workers', { count: formatNumber(notice.quota) })}</dd>
        <dt>{t('noticeCheck.period')}</dt>
        <dd>
          {formatDate(notice.period_from)} – {formatDate(notice.period_to)}
        </dd>
        <dt>{t('noticeCheck.areas')}</dt>
        <dd>{notice.areas.map((a) => (a.code === CITY_CODE ? t('notice.wholeCity') : a.name)).join(', ')}</dd>
      </dl>
    </li>
  );
}

/**
 * The public check of recruitment notices, laid out for a phone (docs/notices.md): a worker
 * chooses their commune and a market and sees the enterprises that told the department they
 * recruit there, with the department's acknowledgement. No login, no personal data.
 */
export default function NoticeCheckPage() {
  const { t, lang } = useI18n();
  const markets = usePublicMarkets();
  // Today's communes of the city, from the public progress by commune (names and codes only).
  const communes = usePublicCommuneProgress(CITY_CODE, {}, true);
  const [area, setArea] = useState('');
  const [market, setMarket] = useState('');
  const notices = usePublicNotices({ area_code: area || undefined, market_code: market || undefined });
  const ids = { area: useId(), market: useId() };
  const options = useMemo(
    () =>
      (communes.data?.rows ?? [])
        .filter((row) => row.key !== null)
        .map((row) => ({ code: row.key as string, name: row.label }))
        .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    [communes.data],
  );

  return (
    <Page title={t('noticeCheck.title')} lead={t('noticeCheck.intro')}>
      <form className="form notice-check" onSubmit={(e) => e.preventDefault()}>
        {communes.isError && <ErrorAlert error={communes.error} onRetry={() => void communes.refetch()} />}
        <div className="form-grid">
          <div className="field">
            <label htmlFor={ids.area}>{t('noticeCheck.commune')}</label>
            <select id={ids.area} value={area} onChange={(e) => setArea(e.target.value)}>
              <option value="">{t('noticeCheck.anyCommune')}</option>
              {options.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.market}>{t('noticeCheck.market')}</label>
            <select id={ids.market} value={market} onChange={(e) => setMarket(e.target.value)}>
              <option value="">{t('noticeCheck.anyMarket')}</option>
              {(markets.data ?? []).map((m) => (
                <option key={m.code} value={m.code}>
                  {marketName(m, lang)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </form>
      <section className="section" aria-labelledby="notice-check-results" aria-live="polite">
        <h2 id="notice-check-results">{t('noticeCheck.results')}</h2>
        <ListView query={notices} empty={t('noticeCheck.empty')} plainEmpty>
          {(items) => (
            <ul className="notice-cards">
              {items.map((notice) => (
                <NoticeCard key={notice.id} notice={notice} />
              ))}
            </ul>
          )}
        </ListView>
      </section>
      <p className="note">{t('noticeCheck.warning')}</p>
      <p>
        <Link to="/">{t('noticeCheck.back')}</Link>
      </p>
    </Page>
  );
}
