import { CHANNELS, PLACEMENT_STATUSES, POLICY_GROUPS, PROGRAMMES, SEXES } from '../../api/types';
import { isMessageKey } from '../../i18n/core';
import { useI18n } from '../../i18n/I18nProvider';
import { vi } from '../../i18n/vi';

// The file's coded columns by their template header. A file is written in Vietnamese whatever
// the app's language, so the words it takes are the Vietnamese ones the app shows
// (backend/overseas/placements/labels.py says the same), or the codes.
export const CODED_COLUMNS = [
  { header: 'Hình thức', prefix: 'channel', codes: CHANNELS },
  { header: 'Giới tính', prefix: 'sex', codes: SEXES },
  { header: 'Trạng thái', prefix: 'status', codes: PLACEMENT_STATUSES },
  { header: 'Chương trình', prefix: 'programme', codes: PROGRAMMES },
  { header: 'Đối tượng chính sách', prefix: 'policyGroup', codes: POLICY_GROUPS },
] as const;

/** The Vietnamese words for a code, as the import reads them; a code without words is itself. */
export function wordsFor(prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return isMessageKey(key) ? vi[key] : code;
}

/** The values each coded column of the file takes: the words, with the code beside them. */
export function AcceptedValues() {
  const { t } = useI18n();
  return (
    <details className="accepted-values" data-testid="import-accepted-values">
      <summary>{t('import.labels')}</summary>
      <p>{t('import.labelsHelp')}</p>
      <dl>
        {CODED_COLUMNS.map(({ header, prefix, codes }) => (
          <div key={header}>
            <dt lang="vi">{header}</dt>
            <dd>
              <span lang="vi">
                {codes
                  .map((code) => {
                    const words = wordsFor(prefix, code);
                    return words === code ? code : `${words} (${code})`;
                  })
                  .join(', ')}
              </span>
              {prefix === 'policyGroup' && <> {t('import.labelsGroups')}</>}
            </dd>
          </div>
        ))}
        <div>
          <dt lang="vi">Thị trường</dt>
          <dd>{t('import.labelsMarket')}</dd>
        </div>
        <div>
          <dt lang="vi">Doanh nghiệp</dt>
          <dd>{t('import.labelsAgency')}</dd>
        </div>
      </dl>
    </details>
  );
}
