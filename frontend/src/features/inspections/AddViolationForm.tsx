import { VIOLATION_CATEGORIES, type ViolationCategory } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import type { FormValues } from '../../components/form/kit';
import { useForm, withIdempotencyKey } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { useAddViolation, type NewViolation } from './api';

const FIELDS = ['category', 'description', 'legal_basis', 'fine_vnd', 'remedy', 'remedy_due'] as const;
const blank = (): FormValues => ({ category: 'late_or_missing_report', description: '', legal_basis: '', fine_vnd: '', remedy: '', remedy_due: '' });

/** Records a violation found by the inspection, with its fine and the remedy's deadline. */
export function AddViolationForm({ inspectionId }: { inspectionId: number }) {
  const { t, tv } = useI18n();
  const form = useForm({
    id: `violation-${inspectionId}`,
    fields: Object.fromEntries(FIELDS.map((f) => [f, t(`violation.${f}`)])),
    draftKey: `violation.new.${inspectionId}`,
    initial: blank,
    mutation: useAddViolation(inspectionId),
    toBody: (v, numbers): NewViolation => ({
      category: v.category as ViolationCategory,
      description: v.description.trim(),
      legal_basis: v.legal_basis.trim() || null,
      fine_vnd: v.fine_vnd.trim() ? (numbers.integer('fine_vnd', v.fine_vnd) as number) : 0,
      remedy: v.remedy.trim() || null,
      remedy_due: v.remedy_due || null,
      waived: false,
    }),
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
        <SubmitButton form={form}>{t('violation.add')}</SubmitButton>
      </div>
    </form>
  );
}
