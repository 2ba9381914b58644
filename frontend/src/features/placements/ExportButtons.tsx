import { buildUrl } from '../../api/download';
import { DownloadButton } from '../../components/DownloadButton';
import { useI18n } from '../../i18n/I18nProvider';
import type { PlacementFilters } from './api';

const EXPORT_PATH = '/api/v1/placements/export';

/** The export's query: the list's filters, the format, and whether it is written for people. */
export function exportQuery(filters: PlacementFilters, format: 'xlsx' | 'csv' | 'ndjson', labels: boolean) {
  return { ...filters, format, labels };
}

/**
 * The filtered list as a file. The buttons ask for files written for people (Vietnamese headings,
 * names and words, dates dd/mm/yyyy: `labels=true`), Excel first as most offices open it; the
 * files with codes that scripts read, NDJSON among them, are under "for developers", which says
 * how a program asks the API for them.
 */
export function ExportButtons({ filters }: { filters: PlacementFilters }) {
  const { t } = useI18n();
  const example = decodeURI(buildUrl(window.location.origin, EXPORT_PATH, exportQuery(filters, 'ndjson', false)));
  return (
    <div className="export">
      <div className="button-row" role="group" aria-label={t('placements.export')}>
        {(['xlsx', 'csv'] as const).map((format) => (
          <DownloadButton
            key={format}
            path={EXPORT_PATH}
            query={exportQuery(filters, format, true)}
            filename={`ho-so.${format}`}
            label={t(`placements.export.${format}`)}
          />
        ))}
      </div>
      <details className="export__developers">
        <summary>{t('placements.export.developers')}</summary>
        <p>{t('placements.export.developersHelp')}</p>
        <p>
          <code>GET {example}</code>
        </p>
        <div className="button-row" role="group" aria-label={t('placements.export.developers')}>
          <DownloadButton
            path={EXPORT_PATH}
            query={exportQuery(filters, 'ndjson', false)}
            filename="placements.ndjson"
            label={t('placements.export.ndjson')}
          />
          <DownloadButton
            path={EXPORT_PATH}
            query={exportQuery(filters, 'csv', false)}
            filename="placements.csv"
            label={t('placements.export.csvCodes')}
          />
        </div>
      </details>
    </div>
  );
}
