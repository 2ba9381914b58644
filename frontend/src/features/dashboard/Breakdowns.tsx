import { useCallback } from 'react';
import type { ProgressRow } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useNames } from '../reference/api';
import { ProgressChart } from './ProgressChart';
import { YearChart } from './YearChart';

// The former Quảng Nam province: its districts are the breakdown the plan was written for.
const FORMER_PROVINCE = '49';

/** Progress by year against the plan (YearChart), by former district, market and channel, each as a chart with its table. */
export function Breakdowns() {
  const { t, tv } = useI18n();
  const names = useNames();
  const marketLabel = useCallback((row: ProgressRow) => names.market(row.key ?? '') || row.label, [names]);
  const channelLabel = useCallback((row: ProgressRow) => tv('channel', row.key ?? ''), [tv]);
  return (
    <section className="section" aria-labelledby="dashboard-breakdowns">
      <h2 id="dashboard-breakdowns">{t('dashboard.breakdowns')}</h2>
      <div className="chart-grid">
        <YearChart />
        <ProgressChart title={t('dashboard.byArea')} query={{ by: 'area', area_code: FORMER_PROVINCE }} horizontal showArea testId="by-area" />
        <ProgressChart title={t('dashboard.byMarket')} query={{ by: 'market' }} label={marketLabel} horizontal sortByActual testId="by-market" />
        <ProgressChart title={t('dashboard.byChannel')} query={{ by: 'channel' }} label={channelLabel} horizontal sortByActual testId="by-channel" />
      </div>
    </section>
  );
}
