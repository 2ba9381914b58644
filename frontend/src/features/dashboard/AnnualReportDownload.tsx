import { useId, useState } from 'react';
import { DownloadButton } from '../../components/DownloadButton';
import { useI18n } from '../../i18n/I18nProvider';

const FIRST_YEAR = 2023;

/** The provincial annual report as an Excel workbook, for a chosen year. */
export function AnnualReportDownload() {
  const { t } = useI18n();
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);
  const [year, setYear] = useState(thisYear - 1 >= FIRST_YEAR ? thisYear - 1 : thisYear);
  const id = useId();
  return (
    <div className="inline-form">
      <label htmlFor={id}>{t('dashboard.reportYear')}</label>
      <select id={id} value={year} onChange={(e) => setYear(Number(e.target.value))}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
      <DownloadButton
        path="/api/v1/reports/annual"
        query={{ year, format: 'xlsx' }}
        filename={`bao-cao-nam-${year}.xlsx`}
        label={t('dashboard.downloadReport')}
      />
    </div>
  );
}
