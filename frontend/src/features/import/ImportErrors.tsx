import type { FieldError } from '../../api/errors';
import { FieldErrorMessage } from '../../components/form/FieldErrorText';
import { normalizeFieldPath } from '../../forms/fieldErrors';
import { isMessageKey } from '../../i18n/core';
import { useI18n } from '../../i18n/I18nProvider';

/** Every bad cell of the file: its spreadsheet row, its column and what is wrong. */
export function ImportErrors({ errors }: { errors: FieldError[] }) {
  const { t } = useI18n();
  const column = (field: string) => {
    const key = `placement.${normalizeFieldPath(field)}`;
    return isMessageKey(key) ? t(key) : field;
  };
  return (
    <div className="table-scroll">
      <table className="data-table data-table--compact" data-testid="import-errors">
        <caption>{t('import.errorsCaption', { count: errors.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.row')}</th>
            <th scope="col">{t('import.field')}</th>
            <th scope="col">{t('import.message')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((error, i) => (
            <tr key={i}>
              <td data-label={t('import.row')}>{error.row ?? (error.index != null ? error.index + 2 : t('common.none'))}</td>
              <td data-label={t('import.field')}>{column(error.field)}</td>
              <td data-label={t('import.message')}>
                <FieldErrorMessage error={error} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
