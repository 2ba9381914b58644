import { useState } from 'react';
import type { FiledReport, Obligation } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FieldShell, TextAreaField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import type { FormValues } from '../../components/form/kit';
import { Loading } from '../../components/Loading';
import { useForm, withIdempotencyKey } from '../../forms/useForm';
import { isMessageKey } from '../../i18n/core';
import { useI18n } from '../../i18n/I18nProvider';
import { useFileReport, useLatestFiling, type ReportSubmission } from './api';
import { figureField, figureValues, NOTE_FIGURE, readFigures, receivedAtInstant, STANDARD_FIGURES } from './duties';

/** The types the API accepts (backend/overseas/obligations/files.py), for the file chooser. */
const ACCEPT =
  '.pdf,.png,.jpg,.jpeg,.xlsx,.xls,.docx,.doc,application/pdf,image/png,image/jpeg,' +
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,' +
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword';

interface Props {
  agencyId: number;
  duty: Obligation;
  /** Officers record a paper report, with the day and time it was received. */
  paper: boolean;
  onSaved: (filed: FiledReport) => void;
}

function Fields({ agencyId, duty, paper, onSaved, initial }: Props & { initial: FormValues }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const figureLabels = Object.fromEntries(
    [...STANDARD_FIGURES, NOTE_FIGURE].map((name) => {
      const key = `figure.${name}`;
      return [figureField(name), isMessageKey(key) ? t(key) : name];
    }),
  );
  const form = useForm({
    id: 'report',
    fields: {
      ...figureLabels,
      ...(paper ? { received_at: t('reports.receivedAt') } : {}),
      file: t('reports.attachment'),
    },
    draftKey: `report.${agencyId}.${duty.kind}.${duty.period_from}${paper ? '.paper' : ''}`,
    initial: () => ({ ...initial, received_at: '' }),
    mutation: useFileReport(agencyId),
    toBody: (values, numbers): ReportSubmission => ({
      kind: duty.kind,
      period_from: duty.period_from,
      period_to: duty.period_to,
      figures: readFigures(values, numbers),
      received_at: paper ? receivedAtInstant(values.received_at ?? '') : undefined,
      file,
      file_tag: file ? `${file.name}:${file.size}:${file.lastModified}` : null,
    }),
    variables: withIdempotencyKey,
    afterSave: 'reset',
    onSaved: (filed) => onSaved(filed),
  });

  return (
    <form className="form" onSubmit={form.onSubmit} noValidate>
      <FormMessages form={form} />
      <fieldset className="field field--group">
        <legend>{t('reports.figures')}</legend>
        <p className="field__hint">{t('reports.figuresHint')}</p>
        <div className="form-grid">
          {STANDARD_FIGURES.map((name) => (
            <TextField
              key={name}
              kit={form.kit}
              name={figureField(name)}
              label={figureLabels[figureField(name)]}
              inputMode="numeric"
              autoComplete="off"
            />
          ))}
        </div>
      </fieldset>
      <TextAreaField kit={form.kit} name={figureField(NOTE_FIGURE)} label={figureLabels[figureField(NOTE_FIGURE)]} rows={2} />
      {paper && (
        <TextField
          kit={form.kit}
          name="received_at"
          label={t('reports.receivedAt')}
          hint={t('reports.receivedAtHint')}
          type="datetime-local"
        />
      )}
      <FieldShell kit={form.kit} name="file" label={t('reports.attachment')} hint={t('reports.attachmentHint')}>
        {(control) => <input {...control} type="file" accept={ACCEPT} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
      </FieldShell>
      <div className="form-actions">
        <SubmitButton form={form}>{paper ? t('reports.submitRecord') : t('reports.submit')}</SubmitButton>
      </div>
    </form>
  );
}

/**
 * Files a duty's report (or an amendment to it), prefilled with its kind and period; an
 * amendment starts from the figures of the latest filing.
 */
export function ReportForm(props: Props) {
  const amend = props.duty.report_id !== null;
  const latest = useLatestFiling(props.agencyId, props.duty.kind, props.duty.period_from, amend);
  if (amend && latest.isPending) return <Loading />;
  if (amend && latest.isError) return <ErrorAlert error={latest.error} onRetry={() => void latest.refetch()} />;
  return <Fields {...props} initial={figureValues(amend ? latest.data?.figures : undefined)} />;
}
