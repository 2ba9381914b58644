import { useId, useState } from 'react';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import { ListView } from '../../components/ListView';
import { Page } from '../../components/Page';
import { today } from '../../forms/today';
import { useForm } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { useAddWorkingDay, useDeleteWorkingDay, useWorkingDays, type NewWorkingDay } from './api';

/** The years offered: two back and two ahead of this one (decisions come a year ahead). */
function yearsAround(year: number): number[] {
  return [year - 2, year - 1, year, year + 1, year + 2];
}

function NewWorkingDayForm() {
  const { t, formatDate } = useI18n();
  const form = useForm({
    id: 'working-day',
    fields: {
      day: t('workingDays.day'),
      working: t('workingDays.kind'),
      note: t('workingDays.note'),
      source: t('workingDays.source'),
    },
    draftKey: 'working-day.new',
    initial: () => ({ day: '', working: 'true', note: '', source: '' }),
    mutation: useAddWorkingDay(),
    toBody: (v): NewWorkingDay => ({
      day: v.day ?? '',
      working: v.working === 'true',
      note: (v.note ?? '').trim(),
      source: (v.source ?? '').trim(),
    }),
    afterSave: 'reset',
  });
  return (
    <form className="form" onSubmit={form.onSubmit} noValidate>
      <FormMessages form={form} saved={(day) => t('workingDays.added', { day: formatDate(day.day) })} />
      <div className="form-grid">
        <TextField kit={form.kit} name="day" label={t('workingDays.day')} required type="date" />
        <SelectField
          kit={form.kit}
          name="working"
          label={t('workingDays.kind')}
          required
          options={[
            { value: 'true', label: t('workingDays.working') },
            { value: 'false', label: t('workingDays.dayOff') },
          ]}
        />
        <TextField kit={form.kit} name="source" label={t('workingDays.source')} required autoComplete="off" />
        <TextAreaField kit={form.kit} name="note" label={t('workingDays.note')} rows={2} />
      </div>
      <div className="form-actions">
        <SubmitButton form={form}>{t('workingDays.add')}</SubmitButton>
      </div>
    </form>
  );
}

export default function WorkingDaysPage() {
  const { t, formatDate } = useI18n();
  const thisYear = Number(today().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const yearId = useId();
  const query = useWorkingDays(year);
  const remove = useDeleteWorkingDay();

  return (
    <Page title={t('workingDays.title')} lead={t('workingDays.intro')}>
      <div className="filters">
        <div className="field">
          <label htmlFor={yearId}>{t('workingDays.year')}</label>
          <select id={yearId} value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {yearsAround(thisYear).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div aria-live="polite">
        {remove.isError && <ErrorAlert error={remove.error} />}
        {remove.isSuccess && (
          <p className="alert alert--success" role="status">
            {t('workingDays.deleted', { day: formatDate(remove.variables) })}
          </p>
        )}
      </div>

      <ListView query={query} empty={t('workingDays.empty')}>
        {(days) => (
          <DataTable
            caption={t('workingDays.caption', { year: String(year) })}
            rows={days}
            rowKey={(day) => day.day}
            columns={[
              {
                label: t('workingDays.day'),
                rowHeader: true,
                cell: (day) => <time dateTime={day.day}>{formatDate(day.day)}</time>,
              },
              { label: t('workingDays.kind'), cell: (day) => (day.working ? t('workingDays.working') : t('workingDays.dayOff')) },
              { label: t('workingDays.note'), cell: (day) => day.note || t('common.none') },
              { label: t('workingDays.source'), cell: (day) => day.source },
              {
                label: t('common.actions'),
                cell: (day) => (
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(day.day)}
                    aria-label={t('workingDays.deleteNamed', { day: formatDate(day.day) })}
                  >
                    {t('workingDays.delete')}
                  </button>
                ),
              },
            ]}
          />
        )}
      </ListView>

      <section className="section card" aria-labelledby="working-day-new">
        <h2 id="working-day-new">{t('workingDays.newTitle')}</h2>
        <NewWorkingDayForm />
      </section>
    </Page>
  );
}
