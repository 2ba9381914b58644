import type { AgencyReport } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isMessageKey } from '../../i18n/core';
import { useI18n } from '../../i18n/I18nProvider';
import { useReportFile } from './api';
import { figureEntries, periodText, revisionText, vietnamDateTime } from './duties';

/** The figures of a filing, each with its label (an unknown one by its name). */
function FigureList({ figures }: { figures: Record<string, unknown> }) {
  const { t, formatNumber } = useI18n();
  const entries = figureEntries(figures);
  if (entries.length === 0) return <>{t('common.none')}</>;
  return (
    <details className="figure-details">
      <summary>{t('reports.showFigures', { count: entries.length })}</summary>
      <ul className="figure-list">
      {entries.map(([name, value]) => {
        const key = `figure.${name}`;
        return (
          <li key={name}>
            {isMessageKey(key) ? t(key) : name}: {typeof value === 'number' ? formatNumber(value) : value}
          </li>
        );
      })}
      </ul>
    </details>
  );
}

/** An enterprise's filings, amendments included, with their figures and attached files. */
export function FilingsTable({ agencyId, filings }: { agencyId: number; filings: AgencyReport[] }) {
  const i18n = useI18n();
  const { t, tv } = i18n;
  const download = useReportFile(agencyId);
  return (
    <>
      {download.isError && <ErrorAlert error={download.error} />}
      <DataTable
        caption={t('reports.filings')}
        testId="report-filings"
        rows={filings}
        rowKey={(r) => r.id}
        rowData={(r) => ({ 'data-report': r.id, 'data-period': r.period_from, 'data-kind': r.kind })}
        columns={[
          { label: t('reports.kind'), rowHeader: true, cell: (r) => tv('reportKind', r.kind) },
          { label: t('reports.period'), cell: (r) => periodText(i18n, r) },
          { label: t('reports.revision'), cell: (r) => revisionText(i18n, r.revision) },
          { label: t('reports.submittedAt'), cell: (r) => <time dateTime={r.submitted_at}>{vietnamDateTime(r.submitted_at)}</time> },
          { label: t('reports.submittedBy'), cell: (r) => r.submitted_by },
          { label: t('reports.figures'), cell: (r) => <FigureList figures={r.figures} /> },
          {
            label: t('reports.attachedFile'),
            cell: (r) =>
              r.file_name ? (
                <button
                  type="button"
                  className="button button--small button--secondary"
                  disabled={download.isPending}
                  onClick={() => download.mutate({ reportId: r.id, name: r.file_name ?? 'bao-cao' })}
                >
                  {t('reports.download', { name: r.file_name })}
                </button>
              ) : (
                t('common.none')
              ),
          },
        ]}
      />
    </>
  );
}
