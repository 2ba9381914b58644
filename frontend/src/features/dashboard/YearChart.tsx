import { useMemo } from 'react';
import type { Progress } from '../../api/types';
import { BarChart, type ChartSeries } from '../../components/charts/BarChart';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { today } from '../../forms/today';
import { useI18n, type I18n } from '../../i18n/I18nProvider';
import { useProgress } from './api';
import { formatCount, formatPercent } from './format';
import { planPath, type PlanPath, type PlanYear } from './planPath';

const ACTUAL_COLOR = '#0b4f8a';
const TARGET_COLOR = '#c2410c';
const REFERENCE_COLOR = '#6b7280';
const CUMULATIVE_ACTUAL_COLOR = '#047857';
const CUMULATIVE_PLAN_COLOR = '#7c3aed';
const TEST_ID = 'by-year';

/** The sentence next to the chart: the pace each remaining year needs, or that the plan is met or over. */
export function paceText(i18n: Pick<I18n, 't' | 'formatNumber'>, progress: Progress, path: PlanPath): string | null {
  const { t } = i18n;
  if (progress.target === null) return null;
  const words = { target: progress.target, from: String(progress.year_from), end: String(progress.year_to) };
  if (progress.actual >= progress.target) return t('dashboard.paceMet', words);
  if (path.firstRemaining === null || path.requiredPerYear === null) return t('dashboard.paceEnded', words);
  return t('dashboard.pace', { ...words, from: String(path.firstRemaining), pace: path.requiredPerYear });
}

/** What the chart shows, in words, for those who cannot see it. */
function chartSummary(i18n: Pick<I18n, 't' | 'formatNumber'>, path: PlanPath): string {
  const last = [...path.years].reverse().find((y) => y.cumulativeActual !== null);
  if (!last) return '';
  return i18n.t('dashboard.chartSummary', {
    year: String(last.year),
    actual: last.cumulativeActual ?? 0,
    planned: formatCount(i18n, last.cumulativePlanned),
  });
}

/**
 * Departures by year against the plan: each year's departures and target (the plan's average
 * where a year has none, drawn dashed as a reference), the departures so far and the plan's
 * path as running totals on the right-hand scale, the pace the remaining years need in words,
 * and every figure in a table.
 */
export function YearChart() {
  const i18n = useI18n();
  const { t } = i18n;
  const progress = useProgress({ by: 'year' });
  const thisYear = Number(today().slice(0, 4));
  const path = useMemo(() => (progress.data ? planPath(progress.data, thisYear) : null), [progress.data, thisYear]);
  const labels = useMemo(() => path?.years.map((y) => String(y.year)) ?? [], [path]);
  const series = useMemo<ChartSeries[]>(() => {
    if (!path) return [];
    const years = path.years;
    const all: ChartSeries[] = [{ label: t('dashboard.actualShort'), data: years.map((y) => y.actual), kind: 'bar', color: ACTUAL_COLOR }];
    if (years.some((y) => y.target !== null)) {
      all.push({ label: t('dashboard.yearTarget'), data: years.map((y) => y.target), kind: 'line', color: TARGET_COLOR });
    }
    if (years.some((y) => y.reference)) {
      all.push({
        label: t('dashboard.planAverage'),
        data: years.map((y) => (y.reference ? y.planned : null)),
        kind: 'line',
        color: REFERENCE_COLOR,
        dashed: true,
      });
    }
    all.push({
      label: t('dashboard.cumulativeActual'),
      data: years.map((y) => y.cumulativeActual),
      kind: 'line',
      color: CUMULATIVE_ACTUAL_COLOR,
      axis: 'right',
    });
    if (path.average !== null) {
      all.push({
        label: t('dashboard.cumulativePlan'),
        data: years.map((y) => y.cumulativePlanned),
        kind: 'line',
        color: CUMULATIVE_PLAN_COLOR,
        dashed: true,
        axis: 'right',
      });
    }
    return all;
  }, [path, t]);

  const title = t('dashboard.byYear');
  const planned = (y: PlanYear) => {
    if (y.planned === null) return t('common.none');
    const value = formatCount(i18n, Math.round(y.planned));
    return y.reference ? t('dashboard.referenceCell', { value }) : value;
  };
  const pace = progress.data && path ? paceText(i18n, progress.data, path) : null;
  return (
    <section className="card chart-panel" aria-labelledby={`${TEST_ID}-title`}>
      <h3 id={`${TEST_ID}-title`}>{title}</h3>
      {progress.isPending && <Loading />}
      {progress.isError && <ErrorAlert error={progress.error} onRetry={() => void progress.refetch()} />}
      {progress.data && path && (
        <>
          {pace && (
            <p className="chart-panel__pace" data-testid="plan-pace">
              {pace}
            </p>
          )}
          <BarChart title={`${title}. ${chartSummary(i18n, path)}`} labels={labels} series={series} height={300} />
          {path.years.some((y) => y.reference) && path.average !== null && (
            <p className="field__hint" data-testid="plan-reference-note">
              {t('dashboard.referenceNote', { average: Math.round(path.average) })}
            </p>
          )}
          <details className="chart-panel__table">
            <summary>{t('dashboard.showTable')}</summary>
            <DataTable
              caption={title}
              compact
              scroll
              testId={TEST_ID}
              rows={path.years}
              rowKey={(y) => y.key}
              rowData={(y) => ({ 'data-key': y.key })}
              columns={[
                { label: t('dashboard.yearColumn'), rowHeader: true, cell: (y) => String(y.year) },
                {
                  label: t('dashboard.actualShort'),
                  numeric: true,
                  cellData: (y) => ({ 'data-value': y.actual }),
                  cell: (y) => formatCount(i18n, y.actual),
                },
                { label: t('dashboard.targetShort'), numeric: true, cell: planned },
                {
                  label: t('dashboard.percentShort'),
                  numeric: true,
                  cell: (y) => formatPercent(i18n, progress.data.rows.find((r) => r.key === y.key)?.percent),
                },
                {
                  label: t('dashboard.cumulativeActual'),
                  numeric: true,
                  cellData: (y) => ({ 'data-cumulative-actual': y.cumulativeActual ?? '' }),
                  cell: (y) => formatCount(i18n, y.cumulativeActual),
                },
                {
                  label: t('dashboard.cumulativePlan'),
                  numeric: true,
                  cellData: (y) => ({ 'data-cumulative-planned': y.cumulativePlanned ?? '' }),
                  cell: (y) => formatCount(i18n, y.cumulativePlanned),
                },
              ]}
            />
          </details>
        </>
      )}
    </section>
  );
}
