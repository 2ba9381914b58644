import { useId, useState, type FormEvent } from 'react';
import { RECORD_KINDS } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import type { FormKit, FormValues } from '../../components/form/kit';
import { errorsFor } from '../../forms/fieldErrors';
import { NumberInputs, type InputError } from '../../forms/numberInputs';
import { today } from '../../forms/today';
import { useDraft } from '../../forms/useDraft';
import { useIdempotencyKey } from '../../forms/useIdempotencyKey';
import { useI18n } from '../../i18n/I18nProvider';
import { useAddMarketRecord, type NewMarketRecord } from './api';

const FIELDS = ['kind', 'title', 'effective_on', 'value', 'unit', 'body', 'source', 'public'] as const;

/** Adds a dated record to a market's timeline; a public one shows on the public page. */
export function RecordForm({ code }: { code: string }) {
  const { t, tv } = useI18n();
  const formId = `record-${code}`;
  const publicId = useId();
  const draft = useDraft<FormValues>(`market-record.${code}`, () => ({ kind: 'demand', effective_on: today(), public: '' }));
  const add = useAddMarketRecord(code);
  const keyFor = useIdempotencyKey();
  // Inputs that are not numbers are shown like the API's errors, and nothing is sent.
  const [inputError, setInputError] = useState<InputError | null>(null);
  const error = inputError ?? add.error;
  const mapped = errorsFor(error, FIELDS);
  const labels = Object.fromEntries(FIELDS.map((f) => [f, t(`records.${f}`)]));
  const kit: FormKit = { id: formId, values: draft.values, set: (n, v) => draft.set({ [n]: v }), errors: mapped.byField };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const v = draft.values;
    const text = (name: string) => (v[name] ?? '').trim() || null;
    const numbers = new NumberInputs();
    const value = text('value');
    const body: NewMarketRecord = {
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
    setInputError(numbers.error());
    if (numbers.errors.length > 0) return;
    add.mutate({ body, idempotencyKey: keyFor(body) }, { onSuccess: () => draft.discard() });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {error && <ErrorSummary formId={formId} error={error} mapped={mapped} labels={labels} />}
      {add.isSuccess && (
        <p className="alert alert--success" role="status">
          {t('form.saved')}
        </p>
      )}
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
            checked={draft.values.public === 'true'}
            onChange={(e) => draft.set({ public: e.target.checked ? 'true' : '' })}
          />
          <label htmlFor={publicId}>{labels.public}</label>
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={add.isPending}>
          {add.isPending ? t('form.saving') : t('records.add')}
        </button>
      </div>
    </form>
  );
}
