import { useEffect, useRef } from 'react';
import { LOCALES } from '../../i18n/core';
import { useI18n } from '../../i18n/I18nProvider';

export interface ChartSeries {
  label: string;
  data: (number | null)[];
  /** Bars for the figures, a line for a target drawn over them. */
  kind: 'bar' | 'line';
  color: string;
  /** A line drawn dashed: a reference, not a figure or a target. */
  dashed?: boolean;
  /** Running totals on a scale of their own, on the right. */
  axis?: 'left' | 'right';
}

interface Props {
  /** Read by screen readers in place of the drawing; the figures are also in a table beside it. */
  title: string;
  labels: string[];
  series: ChartSeries[];
  horizontal?: boolean;
  height?: number;
}

/** A bar chart (optionally with a line), drawn by Chart.js once its module has loaded. */
export function BarChart({ title, labels, series, horizontal = false, height = 280 }: Props) {
  const { lang } = useI18n();
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let cancelled = false;
    let chart: { destroy: () => void } | undefined;
    void import('./chartSetup').then(({ Chart }) => {
      if (cancelled || !canvasRef.current) return;
      chart = new Chart(canvasRef.current, {
        type: 'bar',
        data: {
          labels,
          datasets: series.map((s) => ({
            type: s.kind,
            label: s.label,
            data: s.data,
            backgroundColor: s.color,
            borderColor: s.color,
            borderWidth: s.kind === 'line' ? 2 : 0,
            pointRadius: s.kind === 'line' ? 3 : 0,
            spanGaps: false,
            borderDash: s.dashed ? [6, 4] : [],
            yAxisID: s.axis === 'right' ? 'y2' : 'y',
            order: s.kind === 'line' ? 0 : 1,
          })),
        },
        options: {
          locale: LOCALES[lang],
          indexAxis: horizontal ? 'y' : 'x',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: series.length > 1, position: 'bottom' } },
          scales: {
            x: { beginAtZero: true },
            y: { beginAtZero: true },
            ...(series.some((s) => s.axis === 'right')
              ? { y2: { beginAtZero: true, position: 'right' as const, grid: { drawOnChartArea: false } } }
              : {}),
          },
        },
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [labels, series, horizontal, lang]);

  return (
    <div className="chart" style={{ height }}>
      <canvas ref={canvasRef} role="img" aria-label={title} />
    </div>
  );
}
