import { useId, useState } from 'react';
import { REPORT_PERIODS, oneOf, type ReportPeriod } from '../../api/types';
import { DownloadButton } from '../../components/DownloadButton';
import { useI18n } from '../../i18n/I18nProvider';
import { reportDays, reportFilename } from './reportPeriod';

const FIRST_YEAR = 2023;

/**
 * The provincial annual report as an Excel workbook, for a chosen year and period: the
 * statutory period (15/12 of the year before to 14/12) by default, or the calendar year; the
 * period's first and last day are shown beside the choice.
 */
export function AnnualReportDownload() {
  const { t, tv, formatDate } = useI18n();
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);
  const [year, setYear] = useState(thisYear - 1 >= FIRST_YEAR ? thisYear - 1 : thisYear);
  const [period, setPeriod] = useState<ReportPeriod>('statutory');
  const yearId = useId();
  const periodId = useId();
  const datesId = useId();
  const days = reportDays(year, period);
  return (
    <div className="inline-form">
      <label htmlFor={yearId}>{t('dashboard.reportYear')}</label>
      <select id={yearId} value={year} aria-describedby={datesId} onChange={(e) => setYear(Number(e.target.value))}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
      <label htmlFor={periodId}>{t('dashboard.reportPeriod')}</label>
      <select
        id={periodId}
        value={period}
        aria-describedby={datesId}
        onChange={(e) => setPeriod(oneOf(REPORT_PERIODS, e.target.value) ?? 'statutory')}
      >
        {REPORT_PERIODS.map((p) => (
          <option key={p} value={p}>
            {tv('reportPeriod', p)}
          </option>
        ))}
      </select>
      <span id={datesId} className="inline-form__note" aria-live="polite">
        {t('dashboard.reportDates', { from: formatDate(days.from), to: formatDate(days.to) })}
      </span>
      <DownloadButton
        path="/api/v1/reports/annual"
        query={{ year, period, format: 'xlsx' }}
        filename={reportFilename(year, period)}
        label={t('dashboard.downloadReport')}
      />
    </div>
  );
}
