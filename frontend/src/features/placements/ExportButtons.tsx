import { EXPORT_FORMATS, firstOf } from '../../api/types';
import { DownloadButton } from '../../components/DownloadButton';
import { useI18n } from '../../i18n/I18nProvider';
import type { PlacementFilters } from './api';

// Excel first: it is what most offices open.
const FORMATS = firstOf(EXPORT_FORMATS, 'xlsx');

/** The filtered list as a file: Excel, CSV (opens in Excel with Vietnamese intact) or NDJSON. */
export function ExportButtons({ filters }: { filters: PlacementFilters }) {
  const { t } = useI18n();
  return (
    <div className="button-row" role="group" aria-label={t('placements.export')}>
      {FORMATS.map((format) => (
        <DownloadButton
          key={format}
          path="/api/v1/placements/export"
          query={{ ...filters, format }}
          filename={`placements.${format}`}
          label={t(`placements.export.${format}`)}
        />
      ))}
    </div>
  );
}
