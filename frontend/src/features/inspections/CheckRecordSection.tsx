import type { Inspection } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import { useForm } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router/router';
import { usePutCheckRecord, type CheckRecordIn } from './api';
import { fromVietnamInput, toVietnamInput } from './procedure';

const FIELDS = [
  'held_at',
  'place',
  'representative_name',
  'representative_position',
  'period_from',
  'period_to',
  'scope',
  'documents_sampled',
  'worker_files_sampled',
  'findings',
  'explanation',
  'signed',
  'refusal_reason',
] as const;

type Record = NonNullable<Inspection['check_record']>;

function initial(record: Record | null) {
  return {
    held_at: record ? toVietnamInput(record.held_at) : '',
    place: record?.place ?? '',
    representative_name: record?.representative_name ?? '',
    representative_position: record?.representative_position ?? '',
    period_from: record?.period_from ?? '',
    period_to: record?.period_to ?? '',
    scope: record?.scope ?? '',
    documents_sampled: record?.documents_sampled ?? '',
    worker_files_sampled: record ? String(record.worker_files_sampled) : '0',
    findings: record?.findings ?? '',
    explanation: record?.explanation ?? '',
    signed: record && !record.signed ? 'refused' : 'signed',
    refusal_reason: record?.refusal_reason ?? '',
  };
}

/** The check record as read: what the enterprise and anyone after the inspection sees. */
function CheckRecordFacts({ record }: { record: Record }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const day = (value: string | null) => (value ? formatDate(value) : t('common.none'));
  const rows: [string, string][] = [
    [t('checkRecord.held_at'), formatDateTime(record.held_at)],
    [t('checkRecord.place'), record.place],
    [t('checkRecord.representative'), [record.representative_name, record.representative_position].filter(Boolean).join(', ')],
    [t('checkRecord.period'), `${day(record.period_from)} – ${day(record.period_to)}`],
    [t('checkRecord.scope'), record.scope || t('common.none')],
    [t('checkRecord.documents_sampled'), record.documents_sampled || t('common.none')],
    [t('checkRecord.worker_files_sampled'), String(record.worker_files_sampled)],
    [t('checkRecord.findings'), record.findings],
    [t('checkRecord.explanation'), record.explanation || t('common.none')],
    [t('checkRecord.signed'), record.signed ? t('checkRecord.signedYes') : t('checkRecord.refusedBecause', { reason: record.refusal_reason ?? '' })],
  ];
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label} className="facts__item">
          <dt>{label}</dt>
          <dd className="prewrap">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Step 2, the check record (biên bản kiểm tra), written at the enterprise and corrected with If-Match. */
export function CheckRecordSection({ inspection, editable }: { inspection: Inspection; editable: boolean }) {
  const { t } = useI18n();
  const record = inspection.check_record;
  const form = useForm({
    id: 'check-record',
    fields: Object.fromEntries(FIELDS.map((f) => [f, t(`checkRecord.${f}`)])),
    draftKey: null,
    initial: () => initial(record),
    mutation: usePutCheckRecord(inspection),
    toBody: (v, numbers): CheckRecordIn => ({
      held_at: v.held_at ? fromVietnamInput(v.held_at) : '',
      place: v.place.trim(),
      representative_name: v.representative_name.trim(),
      representative_position: v.representative_position.trim(),
      period_from: v.period_from || null,
      period_to: v.period_to || null,
      scope: v.scope.trim(),
      documents_sampled: v.documents_sampled.trim(),
      worker_files_sampled: v.worker_files_sampled.trim()
        ? (numbers.integer('worker_files_sampled', v.worker_files_sampled) as number)
        : 0,
      findings: v.findings.trim(),
      explanation: v.explanation.trim(),
      signed: v.signed === 'signed',
      refusal_reason: v.signed === 'signed' ? null : v.refusal_reason.trim(),
    }),
    afterSave: 'keep',
  });
  const { kit, labels } = form;
  const printLink = record && (
    <p>
      <Link to={`/inspections/${inspection.id}/print/check-record`} className="button button--secondary">
        {t('print.checkRecordButton')}
      </Link>
    </p>
  );

  // The record is made once the inspection has started; it stays as it was once closed.
  if (!editable || inspection.status === 'planned') {
    if (!record) return <p>{inspection.status === 'planned' ? t('checkRecord.afterStart') : t('checkRecord.none')}</p>;
    return (
      <>
        <CheckRecordFacts record={record} />
        {printLink}
      </>
    );
  }
  return (
    <>
      <form className="form" onSubmit={form.onSubmit} noValidate>
        <FormMessages form={form} saved={() => t('form.saved')} />
        <div className="form-grid">
          <TextField kit={kit} name="held_at" label={labels.held_at} type="datetime-local" hint={t('checkRecord.heldAtHint')} required />
          <TextField kit={kit} name="place" label={labels.place} required />
          <TextField kit={kit} name="representative_name" label={labels.representative_name} required />
          <TextField kit={kit} name="representative_position" label={labels.representative_position} />
          <TextField kit={kit} name="period_from" label={labels.period_from} type="date" />
          <TextField kit={kit} name="period_to" label={labels.period_to} type="date" />
          <TextAreaField kit={kit} name="scope" label={labels.scope} className="form-grid__full" />
          <TextAreaField kit={kit} name="documents_sampled" label={labels.documents_sampled} className="form-grid__full" />
          <TextField kit={kit} name="worker_files_sampled" label={labels.worker_files_sampled} inputMode="numeric" />
          <TextAreaField kit={kit} name="findings" label={labels.findings} required rows={4} className="form-grid__full" />
          <TextAreaField kit={kit} name="explanation" label={labels.explanation} className="form-grid__full" />
          <SelectField
            kit={kit}
            name="signed"
            label={labels.signed}
            required
            options={[
              { value: 'signed', label: t('checkRecord.signedYes') },
              { value: 'refused', label: t('checkRecord.refused') },
            ]}
          />
          {form.values.signed === 'refused' && (
            <TextAreaField kit={kit} name="refusal_reason" label={labels.refusal_reason} required className="form-grid__full" />
          )}
        </div>
        <div className="form-actions">
          <SubmitButton form={form}>{record ? t('checkRecord.update') : t('checkRecord.save')}</SubmitButton>
        </div>
      </form>
      {printLink}
    </>
  );
}
