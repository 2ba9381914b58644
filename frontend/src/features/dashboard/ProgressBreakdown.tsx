import { useMemo } from 'react';
import type { ProgressRow } from '../../api/types';
import { BarChart, type ChartSeries } from '../../components/charts/BarChart';
import { DataTable } from '../../components/DataTable';
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
        <DataTable
          caption={title}
          compact
          scroll={false}
          testId={testId}
          rows={rows}
          rowKey={(row) => row.key ?? ''}
          rowData={(row) => ({ 'data-key': row.key ?? '' })}
          columns={[
            { label: t('dashboard.rowLabel'), rowHeader: true, cell: (_, i) => labels[i] },
            {
              label: t('dashboard.actualShort'),
              numeric: true,
              cellData: (row) => ({ 'data-value': row.actual }),
              cell: (row) => formatCount(i18n, row.actual),
            },
            { label: t('dashboard.targetShort'), numeric: true, cell: (row) => formatCount(i18n, row.target) },
            { label: t('dashboard.percentShort'), numeric: true, cell: (row) => formatPercent(i18n, row.percent) },
          ]}
        />
      </details>
    </>
  );
}
