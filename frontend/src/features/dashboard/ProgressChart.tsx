import { useMemo } from 'react';
import type { ProgressRow } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useProgress, type ProgressQuery } from './api';
import { ProgressBreakdown } from './ProgressBreakdown';

interface Props {
  title: string;
  query: ProgressQuery;
  /** A row's label in the current language (the API labels in Vietnamese). */
  label?: (row: ProgressRow) => string;
  horizontal?: boolean;
  /** Largest first (markets, channels); otherwise the API's order (years, areas). */
  sortByActual?: boolean;
  testId: string;
  /** Names the area under the title, as the annual report names it (the former province's districts). */
  showArea?: boolean;
}

const apiLabel = (row: ProgressRow) => row.label;

/** One breakdown of the progress API (by year, area, market or channel) in its own panel. */
export function ProgressChart({ title, query, label = apiLabel, horizontal = false, sortByActual = false, testId, showArea = false }: Props) {
  const progress = useProgress(query);
  const rows = useMemo(() => {
    const all = progress.data?.rows ?? [];
    return sortByActual ? [...all].sort((a, b) => b.actual - a.actual) : all;
  }, [progress.data, sortByActual]);
  const labels = useMemo(() => rows.map(label), [rows, label]);
  return (
    <section className="card chart-panel" aria-labelledby={`${testId}-title`}>
      <h3 id={`${testId}-title`}>{title}</h3>
      {showArea && progress.data && (
        <p className="field__hint" data-testid={`${testId}-area`}>
          {progress.data.area_name}
        </p>
      )}
      {progress.isPending && <Loading />}
      {progress.isError && <ErrorAlert error={progress.error} onRetry={() => void progress.refetch()} />}
      {progress.data && <ProgressBreakdown title={title} rows={rows} labels={labels} horizontal={horizontal} testId={testId} />}
    </section>
  );
}
