import { useState, type FormEvent } from 'react';
import type { Placement, PlacementStatus } from '../../api/types';
import { SelectField, TextField } from '../../components/form/Field';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import type { FormKit, FormValues } from '../../components/form/kit';
import { errorsFor } from '../../forms/fieldErrors';
import { today } from '../../forms/today';
import { useI18n } from '../../i18n/I18nProvider';
import { useTransition } from './api';
import { nextStatuses } from './transitions';

const FIELDS = ['status', 'on', 'reason'];

/** Moves a placement to its next status (departed, returned, …) on a given day. */
export function TransitionForm({ placement }: { placement: Placement }) {
  const { t, tv } = useI18n();
  const options = nextStatuses(placement.status);
  const [state, setValues] = useState<FormValues>({ status: options[0] ?? '', on: today(), reason: '' });
  // After a change the choices are those of the new status.
  const values: FormValues = { ...state, status: options.includes(state.status as PlacementStatus) ? state.status : (options[0] ?? '') };
  const transition = useTransition(placement);
  const mapped = errorsFor(transition.error, FIELDS);
  const kit: FormKit = {
    id: 'transition',
    values,
    set: (name, value) => setValues((v) => ({ ...v, [name]: value })),
    errors: mapped.byField,
  };
  if (options.length === 0) return <p>{t('transition.final')}</p>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    transition.mutate(
      { status: values.status as PlacementStatus, on: values.on, reason: values.reason.trim() || null },
      { onSuccess: () => setValues((v) => ({ ...v, reason: '' })) },
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {transition.isError && (
        <ErrorSummary
          formId="transition"
          error={transition.error}
          mapped={mapped}
          labels={{ status: t('transition.status'), on: t('transition.on'), reason: t('transition.reason') }}
        />
      )}
      {transition.isSuccess && (
        <p className="alert alert--success" role="status">
          {t('transition.done', { status: tv('status', transition.data.status) })}
        </p>
      )}
      <div className="form-grid">
        <SelectField
          kit={kit}
          name="status"
          label={t('transition.status')}
          options={options.map((s) => ({ value: s, label: tv('status', s) }))}
        />
        <TextField kit={kit} name="on" label={t('transition.on')} hint={t('transition.onHint')} type="date" required />
        <TextField kit={kit} name="reason" label={t('transition.reason')} className="form-grid__full" />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={transition.isPending}>
          {transition.isPending ? t('form.saving') : t('transition.submit')}
        </button>
      </div>
    </form>
  );
}
