import { useId, useState, type FormEvent } from 'react';
import type { Inspection } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useIdempotencyKey } from '../../forms/useIdempotencyKey';
import { useI18n } from '../../i18n/I18nProvider';
import { FILE_KINDS, useAttachFile, useInspectionFileDownload, type FileKind, type InspectionFile } from './api';

function FileRow({ inspectionId, file }: { inspectionId: number; file: InspectionFile }) {
  const { t, tv, formatDateTime, formatNumber } = useI18n();
  const download = useInspectionFileDownload(inspectionId);
  return (
    <li>
      <button type="button" className="link-button" onClick={() => download.mutate(file)} disabled={download.isPending}>
        {t('files.download', { name: file.file_name })}
      </button>{' '}
      <span className="badge">{tv('fileKind', file.kind)}</span>{' '}
      <span className="muted">
        {t('files.details', {
          size: formatNumber(Math.max(1, Math.round(file.size / 1024))),
          by: file.uploaded_by,
          at: formatDateTime(file.uploaded_at),
        })}
      </span>
      {download.isError && <ErrorAlert error={download.error} />}
    </li>
  );
}

/** The signed scans and documents of the procedure: listed and downloaded; attached by inspectors. */
export function FilesSection({ inspection, editable }: { inspection: Inspection; editable: boolean }) {
  const { t, tv } = useI18n();
  const attach = useAttachFile(inspection.id);
  const keyFor = useIdempotencyKey();
  const [kind, setKind] = useState<FileKind>('decision');
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const body = { kind, file };
    attach.mutate(
      { body, idempotencyKey: keyFor({ kind, name: file.name, size: file.size, modified: file.lastModified }) },
      {
        onSuccess: () => {
          setFile(null);
          setInputKey((k) => k + 1);
        },
      },
    );
  };

  return (
    <>
      {inspection.files.length === 0 ? (
        <p>{t('files.none')}</p>
      ) : (
        <ul className="files">
          {inspection.files.map((f) => (
            <FileRow key={f.id} inspectionId={inspection.id} file={f} />
          ))}
        </ul>
      )}
      {editable && (
        <form className="form" onSubmit={submit} noValidate>
          {attach.isError && <ErrorAlert error={attach.error} />}
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-kind`}>{t('files.kind')}</label>
              <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as FileKind)}>
                {FILE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {tv('fileKind', k)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-file`}>{t('files.file')}</label>
              <p className="field__hint" id={`${id}-hint`}>
                {t('files.hint')}
              </p>
              <input
                key={inputKey}
                id={`${id}-file`}
                type="file"
                aria-describedby={`${id}-hint`}
                accept=".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,application/pdf,image/png,image/jpeg"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </div>
          </div>
          <div className="form-actions">
            <button type="submit" className="button" disabled={!file || attach.isPending}>
              {attach.isPending ? t('form.saving') : t('files.upload')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
