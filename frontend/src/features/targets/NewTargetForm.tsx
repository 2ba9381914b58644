import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import type { FormValues } from '../../components/form/kit';
import { useForm } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { AreaPicker } from '../areas/AreaPicker';
import { useNames } from '../reference/api';
import { useCreateTarget, type NewTarget } from './api';

const blank = (): FormValues => ({ name: '', area_code: '', year_from: '', year_to: '', market_code: '', value: '', notes: '' });

/** A target over any span, area and (optionally) market, such as the 2023–2030 plan. */
export function NewTargetForm() {
  const { t } = useI18n();
  const names = useNames();
  const form = useForm({
    id: 'new-target',
    fields: {
      name: t('targets.name'),
      area_code: t('targets.area'),
      year_from: t('targets.yearFrom'),
      year_to: t('targets.yearTo'),
      market_code: t('targets.market'),
      value: t('targets.value'),
      notes: t('targets.notes'),
    },
    draftKey: 'new-target',
    initial: blank,
    mutation: useCreateTarget(),
    toBody: (v, numbers) =>
      ({
        name: v.name.trim(),
        area_code: v.area_code,
        year_from: numbers.integer('year_from', v.year_from),
        year_to: numbers.integer('year_to', v.year_to),
        market_code: v.market_code || null,
        value: numbers.integer('value', v.value),
        notes: v.notes.trim() || null,
      }) as NewTarget,
    afterSave: 'reset',
  });
  const { kit, labels } = form;

  return (
    <form className="form" onSubmit={form.onSubmit} noValidate>
      <FormMessages form={form} saved={() => t('form.saved')} />
      <div className="form-grid">
        <TextField kit={kit} name="name" label={labels.name} required className="form-grid__full" />
        <AreaPicker kit={kit} name="area_code" label={labels.area_code} required />
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
        <SubmitButton form={form}>{t('targets.create')}</SubmitButton>
      </div>
    </form>
  );
}
