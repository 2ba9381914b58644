import { useId } from 'react';
import { RECORD_KINDS } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import { today } from '../../forms/today';
import { useForm, withIdempotencyKey } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { useAddMarketRecord, type NewMarketRecord } from './api';

const FIELDS = ['kind', 'title', 'effective_on', 'value', 'unit', 'body', 'source', 'public'] as const;

/** Adds a dated record to a market's timeline; a public one shows on the public page. */
export function RecordForm({ code }: { code: string }) {
  const { t, tv } = useI18n();
  const publicId = useId();
  const form = useForm({
    id: `record-${code}`,
    fields: Object.fromEntries(FIELDS.map((f) => [f, t(`records.${f}`)])),
    draftKey: `market-record.${code}`,
    initial: () => ({ kind: 'demand', effective_on: today(), public: '' }),
    mutation: useAddMarketRecord(code),
    toBody: (v, numbers): NewMarketRecord => {
      const text = (name: string) => (v[name] ?? '').trim() || null;
      const value = text('value');
      return {
        kind: v.kind as NewMarketRecord['kind'],
        title: (v.title ?? '').trim(),
        effective_on: v.effective_on ?? '',
        // A market figure may be below zero (the API allows it); an amount or count may not.
        value: value === null ? null : (numbers.decimal('value', value, { negative: true }) ?? null),
        unit: text('unit'),
        body: text('body'),
        source: text('source'),
        public: v.public === 'true',
      };
    },
    variables: withIdempotencyKey,
    afterSave: 'reset',
  });
  const { kit, labels } = form;

  return (
    <form className="form" onSubmit={form.onSubmit} noValidate>
      <FormMessages form={form} saved={() => t('form.saved')} />
      <div className="form-grid">
        <SelectField
          kit={kit}
          name="kind"
          label={labels.kind}
          required
          options={RECORD_KINDS.map((k) => ({ value: k, label: tv('recordKind', k) }))}
        />
        <TextField kit={kit} name="effective_on" label={labels.effective_on} type="date" required />
        <TextField kit={kit} name="title" label={labels.title} required className="form-grid__full" />
        <TextField kit={kit} name="value" label={labels.value} inputMode="decimal" />
        <TextField kit={kit} name="unit" label={labels.unit} />
        <TextAreaField kit={kit} name="body" label={labels.body} className="form-grid__full" />
        <TextField kit={kit} name="source" label={labels.source} className="form-grid__full" />
        <div className="checkbox form-grid__full">
          <input
            id={publicId}
            type="checkbox"
            checked={form.values.public === 'true'}
            onChange={(e) => form.set({ public: e.target.checked ? 'true' : '' })}
          />
          <label htmlFor={publicId}>{labels.public}</label>
        </div>
      </div>
      <div className="form-actions">
        <SubmitButton form={form}>{t('records.add')}</SubmitButton>
      </div>
    </form>
  );
}
