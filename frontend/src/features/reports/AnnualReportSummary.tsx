import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n/I18nProvider';
import { formatCount, formatPercent } from '../dashboard/format';
import type { ReportChoice } from '../dashboard/AnnualReportDownload';
import { useAnnualReport } from './api';

interface Line {
  key: string;
  label: string;
  value: string;
}

/**
 * The annual report's headline figures on screen, as the workbook's first sheet has them: the
 * area named as the report names it, and a first column that says what each figure is
 * ("Nội dung"), not "Chỉ tiêu", which reads as a target. Then the plans it carries.
 */
export function AnnualReportSummary({ choice }: { choice: ReportChoice }) {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  const report = useAnnualReport(choice.year, choice.period);
  if (report.isPending) return <Loading />;
  if (report.isError) return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data;
  const lines: Line[] = [
    { key: 'departures', label: t('annual.departures'), value: formatCount(i18n, r.departures.total) },
    { key: 'target', label: t('annual.target'), value: formatCount(i18n, r.departures.target) },
    { key: 'percent', label: t('annual.percent'), value: formatPercent(i18n, r.departures.percent) },
    { key: 'returned', label: t('annual.returned'), value: formatCount(i18n, r.returns.returned) },
    { key: 'returned_early', label: t('annual.returnedEarly'), value: formatCount(i18n, r.returns.returned_early) },
    { key: 'overstayed', label: t('annual.overstayed'), value: formatCount(i18n, r.returns.overstayed) },
    { key: 'inspections', label: t('annual.inspections'), value: formatCount(i18n, r.inspections.concluded) },
    { key: 'reports_on_time', label: t('annual.reportsOnTime'), value: formatPercent(i18n, r.enterprise_reports.percent_on_time) },
  ];
  const caption = t('annual.caption', { year: String(r.year) });
  return (
    <>
      <p data-testid="annual-area">
        {t('annual.area', { area: r.area_name, from: formatDate(r.period_from), to: formatDate(r.period_to) })}
      </p>
      <DataTable
        caption={caption}
        compact
        testId="annual-summary"
        rows={lines}
        rowKey={(line) => line.key}
        columns={[
          { label: t('annual.item'), rowHeader: true, cell: (line) => line.label },
          { label: t('annual.value'), numeric: true, cell: (line) => line.value },
        ]}
      />
      {r.plans.length > 0 && (
        <DataTable
          caption={t('annual.plans')}
          showCaption
          compact
          testId="annual-plans"
          rows={r.plans}
          rowKey={(plan) => `${plan.area_code}-${plan.year_from}`}
          rowData={(plan) => ({ 'data-key': plan.area_code })}
          columns={[
            { label: t('annual.planArea'), rowHeader: true, cell: (plan) => plan.area_name },
            { label: t('annual.planSpan'), cell: (plan) => `${plan.year_from}–${plan.year_to}` },
            { label: t('annual.planTarget'), numeric: true, cell: (plan) => formatCount(i18n, plan.target) },
            {
              label: t('annual.planDone', { to: formatDate(r.period_to) }),
              numeric: true,
              cell: (plan) => formatCount(i18n, plan.actual),
            },
            { label: t('annual.percent'), numeric: true, cell: (plan) => formatPercent(i18n, plan.percent) },
            { label: t('annual.planRemaining'), numeric: true, cell: (plan) => formatCount(i18n, plan.remaining) },
          ]}
        />
      )}
    </>
  );
}
