import { can } from '../../auth/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { useMe } from '../auth/api';
import { CITY_CODE, CommuneMap } from '../map/CommuneMap';
import { Alerts } from './Alerts';
import { AnnualReportSummary } from '../reports/AnnualReportSummary';
import { AnnualReportDownload, useReportChoice } from './AnnualReportDownload';
import { useProgress } from './api';
import { Breakdowns } from './Breakdowns';
import { ProgressSummary } from './ProgressSummary';

/** A commune on the map leads to its records. */
const placementsOf = (code: string) => `/placements?home_area_code=${encodeURIComponent(code)}`;

export default function DashboardPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const progress = useProgress({});
  const [report, chooseReport] = useReportChoice();
  const readsReport = me !== undefined && can(me.role, 'reports.annual');
  // The headline figures are asked for first, alone: a browser opens only a few connections
  // at once, and the alerts and charts would otherwise queue ahead of them.
  const headlineDone = !progress.isPending;
  // The map covers the city over the headline's span of years.
  const byCommune = useProgress(
    { by: 'commune', area_code: CITY_CODE, year_from: progress.data?.year_from, year_to: progress.data?.year_to },
    progress.isSuccess,
  );

  return (
    <Page
      title={t('dashboard.title')}
      lead={t('dashboard.intro')}
      actions={readsReport ? <AnnualReportDownload choice={report} onChoose={chooseReport} /> : undefined}
    >
      <section className="section section--first" aria-labelledby="dashboard-progress">
        <h2 id="dashboard-progress">
          {progress.data
            ? t('dashboard.progressTitle', {
                from: String(progress.data.year_from),
                to: String(progress.data.year_to),
                area: progress.data.area_name,
              })
            : t('dashboard.progress')}
        </h2>
        {progress.isPending && <Loading />}
        {progress.isError && <ErrorAlert error={progress.error} onRetry={() => void progress.refetch()} />}
        {progress.data && <ProgressSummary progress={progress.data} />}
      </section>

      {headlineDone && me && <Alerts role={me.role} />}
      {progress.isSuccess && <CommuneMap query={byCommune} headingId="dashboard-map" linkTo={placementsOf} />}
      {headlineDone && <Breakdowns />}
      {headlineDone && readsReport && (
        <section className="section" aria-labelledby="dashboard-annual">
          <h2 id="dashboard-annual">{t('annual.title')}</h2>
          <AnnualReportSummary choice={report} />
        </section>
      )}
    </Page>
  );
}
