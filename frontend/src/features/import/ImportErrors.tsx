import type { FieldError } from '../../api/errors';
import { DataTable } from '../../components/DataTable';
import { FieldErrorMessage } from '../../components/form/FieldErrorText';
import { fieldLabel } from '../../forms/fieldMessages';
import { useI18n } from '../../i18n/I18nProvider';

/** Every bad cell of the file: its spreadsheet row, its column and what is wrong. */
export function ImportErrors({ errors }: { errors: FieldError[] }) {
  const { t, lang } = useI18n();
  const column = (field: string) => fieldLabel(lang, field);
  return (
    <DataTable
      caption={t('import.errorsCaption', { count: errors.length })}
      showCaption
      compact
      testId="import-errors"
      rows={errors}
      rowKey={(_, i) => i}
      columns={[
        { label: t('import.row'), cell: (error) => error.row ?? (error.index != null ? error.index + 2 : t('common.none')) },
        { label: t('import.field'), cell: (error) => column(error.field) },
        { label: t('import.message'), cell: (error) => <FieldErrorMessage error={error} /> },
      ]}
    />
  );
}
