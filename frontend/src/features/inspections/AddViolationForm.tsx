import { useState, type FormEvent } from 'react';
import { VIOLATION_CATEGORIES } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import type { FormKit, FormValues } from '../../components/form/kit';
import { errorsFor } from '../../forms/fieldErrors';
import { NumberInputs, type InputError } from '../../forms/numberInputs';
import { useDraft } from '../../forms/useDraft';
import { useIdempotencyKey } from '../../forms/useIdempotencyKey';
import { useI18n } from '../../i18n/I18nProvider';
import { useAddViolation, type NewViolation } from './api';

const FIELDS = ['category', 'description', 'legal_basis', 'fine_vnd', 'remedy', 'remedy_due'] as const;
const blank = (): FormValues => ({ category: 'late_or_missing_report', description: '', legal_basis: '', fine_vnd: '', remedy: '', remedy_due: '' });

/** Records a violation found by the inspection, with its fine and the remedy's deadline. */
export function AddViolationForm({ inspectionId }: { inspectionId: number }) {
  const { t, tv } = useI18n();
  const formId = `violation-${inspectionId}`;
  const draft = useDraft(`violation.new.${inspectionId}`, blank);
  const add = useAddViolation(inspectionId);
  const keyFor = useIdempotencyKey();
  // Inputs that are not numbers are shown like the API's errors, and nothing is sent.
  const [inputError, setInputError] = useState<InputError | null>(null);
  const error = inputError ?? add.error;
  const mapped = errorsFor(error, FIELDS);
  const labels = Object.fromEntries(FIELDS.map((f) => [f, t(`violation.${f}`)]));
  const kit: FormKit = { id: formId, values: draft.values, set: (n, v) => draft.set({ [n]: v }), errors: mapped.byField };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const v = draft.values;
    const numbers = new NumberInputs();
    const body = {
      category: v.category,
      description: v.description.trim(),
      legal_basis: v.legal_basis.trim() || null,
      fine_vnd: v.fine_vnd.trim() ? numbers.integer('fine_vnd', v.fine_vnd) : 0,
      remedy: v.remedy.trim() || null,
      remedy_due: v.remedy_due || null,
      waived: false,
    } as NewViolation;
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
          name="category"
          label={labels.category}
          required
          options={VIOLATION_CATEGORIES.map((c) => ({ value: c, label: tv('violationCategory', c) }))}
        />
        <TextField kit={kit} name="legal_basis" label={labels.legal_basis} hint={t('violation.legalBasisHint')} />
        <TextAreaField kit={kit} name="description" label={labels.description} required className="form-grid__full" />
        <TextField kit={kit} name="fine_vnd" label={labels.fine_vnd} inputMode="numeric" />
        <TextField kit={kit} name="remedy_due" label={labels.remedy_due} type="date" />
        <TextAreaField kit={kit} name="remedy" label={labels.remedy} className="form-grid__full" />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={add.isPending}>
          {add.isPending ? t('form.saving') : t('violation.add')}
        </button>
      </div>
    </form>
  );
}
