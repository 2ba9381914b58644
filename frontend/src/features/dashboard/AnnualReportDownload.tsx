import { useId, useState } from 'react';
import { REPORT_PERIODS, oneOf, type ReportPeriod } from '../../api/types';
import { DownloadButton } from '../../components/DownloadButton';
import { useI18n } from '../../i18n/I18nProvider';
import { reportDays, reportFilename } from './reportPeriod';

const FIRST_YEAR = 2023;

/** Which annual report: its year and its period. */
export interface ReportChoice {
  year: number;
  period: ReportPeriod;
}

/** The report chosen, by default last year's statutory one (this year's in the plan's first year). */
export function useReportChoice() {
  const thisYear = new Date().getFullYear();
  return useState<ReportChoice>({ year: thisYear - 1 >= FIRST_YEAR ? thisYear - 1 : thisYear, period: 'statutory' });
}

/**
 * The provincial annual report as an Excel workbook, for a chosen year and period: the
 * statutory period (15/12 of the year before to 14/12) by default, or the calendar year; the
 * period's first and last day are shown beside the choice.
 */
export function AnnualReportDownload({ choice, onChoose }: { choice?: ReportChoice; onChoose?: (choice: ReportChoice) => void }) {
  const { t, tv, formatDate } = useI18n();
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);
  const [own, setOwn] = useReportChoice();
  const { year, period } = choice ?? own;
  const choose = onChoose ?? setOwn;
  const setYear = (y: number) => choose({ year: y, period });
  const setPeriod = (p: ReportPeriod) => choose({ year, period: p });
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
