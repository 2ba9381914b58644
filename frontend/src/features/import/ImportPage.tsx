import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/errors';
import type { BatchResult } from '../../api/types';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router/router';
import { useImport } from './api';
import { AcceptedValues } from './AcceptedValues';
import { ImportErrors } from './ImportErrors';

/** The same file as the one checked: same name, size and modification time. */
const sameFile = (a: File | null, b: File | null) =>
  a !== null && b !== null && a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;

function Summary({ result }: { result: BatchResult }) {
  const { t } = useI18n();
  return (
    <p data-testid="import-summary">
      {t(result.dry_run ? 'import.checkedSummary' : 'import.doneSummary', {
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
      })}
    </p>
  );
}

export default function ImportPage() {
  const { t } = useI18n();
  const inputId = useId();
  const hintId = useId();
  const [file, setFile] = useState<File | null>(null);
  const check = useImport();
  const confirm = useImport();
  const checked = check.data?.dry_run && sameFile(check.variables?.file ?? null, file) ? check.data : null;
  const badRows = check.error instanceof ApiError && check.error.fields.length ? check.error.fields : null;

  const choose = (chosen: File | null) => {
    setFile(chosen);
    check.reset();
    confirm.reset();
  };
  const runCheck = (event: FormEvent) => {
    event.preventDefault();
    if (file) check.mutate({ file, dryRun: true });
  };

  return (
    <Page title={t('import.title')} lead={t('import.intro')}>
      <section className="card step" aria-labelledby="import-step-template">
        <h2 id="import-step-template">{t('import.step1')}</h2>
        <p>{t('import.templateHelp')}</p>
        <div className="button-row">
          <DownloadButton
            path="/api/v1/placements/import-template"
            query={{ format: 'xlsx' }}
            filename="mau-nhap-ho-so.xlsx"
            label={t('import.templateXlsx')}
          />
          <DownloadButton
            path="/api/v1/placements/import-template"
            query={{ format: 'csv' }}
            filename="mau-nhap-ho-so.csv"
            label={t('import.templateCsv')}
          />
        </div>
        <AcceptedValues />
      </section>

      <section className="card step" aria-labelledby="import-step-check">
        <h2 id="import-step-check">{t('import.step2')}</h2>
        <form className="form" onSubmit={runCheck}>
          <div className="field">
            <label htmlFor={inputId}>{t('import.file')}</label>
            <p className="field__hint" id={hintId}>
              {t('import.fileHint')}
            </p>
            <input
              id={inputId}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={hintId}
              onChange={(e) => choose(e.target.files?.[0] ?? null)}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button" disabled={!file || check.isPending}>
              {check.isPending ? t('import.checking') : t('import.check')}
            </button>
          </div>
        </form>
        <div aria-live="polite">
          {badRows && (
            <div className="alert alert--error" role="alert">
              <p>{t('import.hasErrors', { count: badRows.length })}</p>
            </div>
          )}
          {check.isError && !badRows && <ErrorAlert error={check.error} />}
          {badRows && <ImportErrors errors={badRows} />}
          {checked && (
            <div className="alert alert--success" role="status">
              <p>{t('import.checkedOk')}</p>
              <Summary result={checked} />
            </div>
          )}
        </div>
      </section>

      <section className="card step" aria-labelledby="import-step-confirm">
        <h2 id="import-step-confirm">{t('import.step3')}</h2>
        <p>{t('import.confirmHelp')}</p>
        <button
          type="button"
          className="button"
          disabled={!checked || confirm.isPending || confirm.isSuccess}
          onClick={() => file && confirm.mutate({ file, dryRun: false })}
        >
          {confirm.isPending ? t('import.importing') : t('import.confirm')}
        </button>
        <div aria-live="polite">
          {confirm.isError &&
            (confirm.error instanceof ApiError && confirm.error.fields.length ? (
              <ImportErrors errors={confirm.error.fields} />
            ) : (
              <ErrorAlert error={confirm.error} />
            ))}
          {confirm.isSuccess && (
            <div className="alert alert--success" role="status">
              <p>{t('import.done')}</p>
              <Summary result={confirm.data} />
              <p>
                <Link to="/placements">{t('import.seeList')}</Link>
              </p>
            </div>
          )}
        </div>
      </section>
    </Page>
  );
}
