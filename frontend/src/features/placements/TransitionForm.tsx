import type { Placement, PlacementStatus } from '../../api/types';
import { ConfirmDialog, useConfirmedSubmit } from '../../components/ConfirmDialog';
import { SelectField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import { today } from '../../forms/today';
import { useForm } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { useTransition } from './api';
import { isFinal, nextStatuses } from './transitions';

/** Moves a placement to its next status (departed, returned, …) on a given day. */
export function TransitionForm({ placement }: { placement: Placement }) {
  const { t, tv, formatDate } = useI18n();
  const options = nextStatuses(placement.status);
  // After a change the choices are those of the new status.
  const current = (status: string) => (options.includes(status as PlacementStatus) ? status : (options[0] ?? ''));
  const form = useForm({
    id: 'transition',
    fields: { status: t('transition.status'), on: t('transition.on'), reason: t('transition.reason') },
    // `on` becomes the departure or the return date (backend placements/service.py, `transition`),
    // so their errors are the date input's.
    aliases: { departure_date: 'on', return_date: 'on' },
    draftKey: null,
    initial: () => ({ status: options[0] ?? '', on: today(), reason: '' }),
    mutation: useTransition(placement),
    toBody: (v) => ({ status: current(v.status) as PlacementStatus, on: v.on, reason: v.reason.trim() || null }),
    afterSave: 'keep',
    onSaved: (_, saved) => saved.set({ reason: '' }),
  });
  const kit = { ...form.kit, values: { ...form.values, status: current(form.values.status) } };
  const chosen = current(form.values.status) as PlacementStatus;
  // A final status (returned, returned early, cancelled) can never be left: ask first.
  const confirm = useConfirmedSubmit(() => isFinal(chosen), form.onSubmit);
  if (options.length === 0) return <p>{t('transition.final')}</p>;
  const status = tv('status', chosen);

  return (
    <form className="form" onSubmit={confirm.onSubmit} ref={confirm.formRef} noValidate>
      <ConfirmDialog {...confirm.dialog} title={t('transition.confirmTitle', { status })} confirmLabel={t('transition.confirmButton', { status })}>
        <p>
          {t('transition.confirmWhat', {
            name: placement.worker.full_name,
            status,
            date: form.values.on ? formatDate(form.values.on) : t('common.none'),
          })}
        </p>
        <p>
          <strong>{t('transition.confirmFinal')}</strong>
        </p>
      </ConfirmDialog>
      <FormMessages form={form} saved={(saved) => t('transition.done', { status: tv('status', saved.status) })} />
      <div className="form-grid">
        <SelectField kit={kit} name="status" label={form.labels.status} options={options.map((s) => ({ value: s, label: tv('status', s) }))} />
        <TextField kit={kit} name="on" label={form.labels.on} hint={t('transition.onHint')} type="date" required />
        <TextField kit={kit} name="reason" label={form.labels.reason} className="form-grid__full" />
      </div>
      <div className="form-actions">
        <SubmitButton form={form}>{t('transition.submit')}</SubmitButton>
      </div>
    </form>
  );
}
