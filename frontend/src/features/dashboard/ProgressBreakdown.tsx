import { useMemo } from 'react';
import type { ProgressRow } from '../../api/types';
import { BarChart, type ChartSeries } from '../../components/charts/BarChart';
import { useI18n } from '../../i18n/I18nProvider';
import { formatCount, formatPercent } from './format';

const ACTUAL_COLOR = '#0b4f8a';
const TARGET_COLOR = '#c2410c';

interface Props {
  title: string;
  rows: ProgressRow[];
  /** Each row's label in the current language. */
  labels: string[];
  horizontal?: boolean;
  testId: string;
}

/** A breakdown of progress as a chart, and the same figures in a table for reading aloud. */
export function ProgressBreakdown({ title, rows, labels, horizontal = false, testId }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const hasTarget = rows.some((row) => row.target !== null);
  const series = useMemo<ChartSeries[]>(() => {
    const actual: ChartSeries = { label: t('dashboard.actualShort'), data: rows.map((r) => r.actual), kind: 'bar', color: ACTUAL_COLOR };
    if (!hasTarget) return [actual];
    const target: ChartSeries = {
      label: t('dashboard.targetShort'),
      data: rows.map((r) => r.target),
      kind: horizontal ? 'bar' : 'line',
      color: TARGET_COLOR,
    };
    return [actual, target];
  }, [rows, hasTarget, horizontal, t]);

  if (rows.length === 0) return <p>{t('common.empty')}</p>;
  return (
    <>
      <BarChart
        title={title}
        labels={labels}
        series={series}
        horizontal={horizontal}
        height={horizontal ? Math.max(220, rows.length * 26 + 60) : 280}
      />
      <details className="chart-panel__table">
        <summary>{t('dashboard.showTable')}</summary>
        <table className="data-table data-table--compact" data-testid={testId}>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.rowLabel')}</th>
              <th scope="col" className="num">
                {t('dashboard.actualShort')}
              </th>
              <th scope="col" className="num">
                {t('dashboard.targetShort')}
              </th>
              <th scope="col" className="num">
                {t('dashboard.percentShort')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.key} data-key={row.key}>
                <th scope="row" data-label={t('dashboard.rowLabel')}>
                  {labels[i]}
                </th>
                <td className="num" data-label={t('dashboard.actualShort')} data-value={row.actual}>
                  {formatCount(i18n, row.actual)}
                </td>
                <td className="num" data-label={t('dashboard.targetShort')}>
                  {formatCount(i18n, row.target)}
                </td>
                <td className="num" data-label={t('dashboard.percentShort')}>
                  {formatPercent(i18n, row.percent)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
