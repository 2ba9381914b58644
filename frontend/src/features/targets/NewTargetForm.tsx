import { useState, type FormEvent } from 'react';
import type { Area } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import type { FormKit, FormValues } from '../../components/form/kit';
import { errorsFor } from '../../forms/fieldErrors';
import { NumberInputs, type InputError } from '../../forms/numberInputs';
import { useDraft } from '../../forms/useDraft';
import { useI18n } from '../../i18n/I18nProvider';
import { useNames } from '../reference/api';
import { useCreateTarget, type NewTarget } from './api';

const FORM_ID = 'new-target';
const FIELDS = ['name', 'area_code', 'year_from', 'year_to', 'market_code', 'value', 'notes'] as const;

const blank = (): FormValues => ({ name: '', area_code: '', year_from: '', year_to: '', market_code: '', value: '', notes: '' });

/** A target over any span, area and (optionally) market, such as the 2023–2030 plan. */
export function NewTargetForm({ areas }: { areas: Area[] }) {
  const { t } = useI18n();
  const names = useNames();
  const draft = useDraft(`${FORM_ID}`, blank);
  const create = useCreateTarget();
  // Inputs that are not numbers are shown like the API's errors, and nothing is sent.
  const [inputError, setInputError] = useState<InputError | null>(null);
  const error = inputError ?? create.error;
  const mapped = errorsFor(error, FIELDS);
  const labels: Record<(typeof FIELDS)[number], string> = {
    name: t('targets.name'),
    area_code: t('targets.area'),
    year_from: t('targets.yearFrom'),
    year_to: t('targets.yearTo'),
    market_code: t('targets.market'),
    value: t('targets.value'),
    notes: t('targets.notes'),
  };
  const kit: FormKit = { id: FORM_ID, values: draft.values, set: (n, v) => draft.set({ [n]: v }), errors: mapped.byField };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const v = draft.values;
    const numbers = new NumberInputs();
    const body = {
      name: v.name.trim(),
      area_code: v.area_code,
      year_from: numbers.integer('year_from', v.year_from),
      year_to: numbers.integer('year_to', v.year_to),
      market_code: v.market_code || null,
      value: numbers.integer('value', v.value),
      notes: v.notes.trim() || null,
    } as NewTarget;
    setInputError(numbers.error());
    if (numbers.errors.length > 0) return;
    create.mutate(body, { onSuccess: () => draft.discard() });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {error && <ErrorSummary formId={FORM_ID} error={error} mapped={mapped} labels={labels} />}
      {create.isSuccess && (
        <p className="alert alert--success" role="status">
          {t('form.saved')}
        </p>
      )}
      <div className="form-grid">
        <TextField kit={kit} name="name" label={labels.name} required className="form-grid__full" />
        <SelectField
          kit={kit}
          name="area_code"
          label={labels.area_code}
          required
          placeholder={t('form.choose')}
          options={areas.map((a) => ({ value: a.code, label: a.name }))}
        />
        <TextField kit={kit} name="year_from" label={labels.year_from} required inputMode="numeric" />
        <TextField kit={kit} name="year_to" label={labels.year_to} required inputMode="numeric" />
        <SelectField
          kit={kit}
          name="market_code"
          label={labels.market_code}
          placeholder={t('targets.allMarkets')}
          options={names.markets.map((m) => ({ value: m.code, label: names.market(m.code) }))}
        />
        <TextField kit={kit} name="value" label={labels.value} required inputMode="numeric" />
        <TextAreaField kit={kit} name="notes" label={labels.notes} className="form-grid__full" />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? t('form.saving') : t('targets.create')}
        </button>
      </div>
    </form>
  );
}
