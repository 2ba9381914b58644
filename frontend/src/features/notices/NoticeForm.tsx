import { useEffect } from 'react';
import { FieldShell, SelectField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import { today } from '../../forms/today';
import { useForm, withIdempotencyKey, type Form } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { AreaPicker } from '../areas/AreaPicker';
import { useNames } from '../reference/api';
import { useChangeNotice, useFileNotice, type Notice } from './api';
import { addDays, areaList, areaName, CITY_CODE, NOTICE_FIELDS, noticeBody, noticeChange, valuesFromNotice, withArea, withoutArea } from './rules';

/** The labels of the notice form's inputs, by API field. */
function useNoticeLabels(): Record<string, string> {
  const { t } = useI18n();
  return Object.fromEntries(NOTICE_FIELDS.map((field) => [field, t(`notice.${field}`)]));
}

/** The inputs of a notice, shared by filing a new one and changing one. */
function NoticeInputs({ form }: { form: Form<Notice> }) {
  const { t } = useI18n();
  const names = useNames();
  const { kit, labels } = form;
  const pick = kit.values.area_pick ?? '';
  const chosen = areaList(kit.values.area_codes);
  const place = (code: string) => areaName(names.areas, code, t('notice.wholeCity'));

  // A unit chosen in the picker joins the list, and the picker is ready for the next one.
  useEffect(() => {
    if (pick) form.set({ area_codes: withArea(kit.values.area_codes, pick), area_pick: '' });
  }, [pick, kit.values.area_codes, form]);

  return (
    <div className="form-grid">
      <SelectField
        kit={kit}
        name="market_code"
        label={labels.market_code}
        required
        placeholder={t('form.choose')}
        options={names.markets.map((m) => ({ value: m.code, label: names.market(m.code) }))}
      />
      <TextField kit={kit} name="occupation" label={labels.occupation} required />
      <TextField kit={kit} name="quota" label={labels.quota} required inputMode="numeric" hint={t('notice.hint.quota')} />
      <TextField kit={kit} name="approved_contract_no" label={labels.approved_contract_no} required hint={t('notice.hint.approved_contract_no')} />
      <TextField kit={kit} name="period_from" label={labels.period_from} type="date" required />
      <TextField kit={kit} name="period_to" label={labels.period_to} type="date" required />
      <FieldShell kit={kit} name="area_codes" label={labels.area_codes} hint={t('notice.hint.area_codes')} required className="form-grid__full">
        {(control) => (
          // The list takes the focus from the error summary; a group takes no aria-required.
          <div id={control.id} aria-describedby={control['aria-describedby']} tabIndex={-1} role="group" className="notice-areas">
            {chosen.length === 0 ? (
              <p className="empty">{t('notice.noAreas')}</p>
            ) : (
              <ul className="notice-areas__list">
                {chosen.map((code) => (
                  <li key={code}>
                    {place(code)} <span className="code">{code}</span>{' '}
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      onClick={() => form.set({ area_codes: withoutArea(kit.values.area_codes, code) })}
                      aria-label={t('notice.removeArea', { name: place(code) })}
                    >
                      {t('notice.remove')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </FieldShell>
      <AreaPicker kit={kit} name="area_pick" label={t('notice.addArea')} level="commune" on={kit.values.period_from || today()} />
      <div className="field">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => form.set({ area_codes: withArea(kit.values.area_codes, CITY_CODE) })}
        >
          {t('notice.addWholeCity')}
        </button>
      </div>
    </div>
  );
}

/** An enterprise files a new notice; the form empties for the next one once saved. */
export function NewNoticeForm() {
  const { t } = useI18n();
  const form = useForm({
    id: 'notice-new',
    fields: useNoticeLabels(),
    draftKey: 'notice.new',
    initial: () => {
      const start = today();
      return { period_from: start, period_to: addDays(start, 180), area_codes: '' };
    },
    mutation: useFileNotice(),
    toBody: (values, numbers) => noticeBody(values, numbers),
    variables: withIdempotencyKey,
    afterSave: 'reset',
  });
  return (
    <form className="form" onSubmit={form.onSubmit} noValidate aria-busy={form.pending}>
      <FormMessages form={form} restoredNotice saved={(notice) => t('notice.filed', { id: String(notice.id) })} />
      <NoticeInputs form={form} />
      <div className="form-actions">
        <SubmitButton form={form}>{t('notice.file')}</SubmitButton>
      </div>
    </form>
  );
}

/** Changes a notice (sent with the version read: a change made meanwhile answers 412). */
export function EditNoticeForm({ notice, onSaved }: { notice: Notice; onSaved: (saved: Notice) => void }) {
  const { t } = useI18n();
  const change = useChangeNotice();
  const form = useForm({
    id: `notice-${notice.id}`,
    fields: useNoticeLabels(),
    draftKey: null,
    initial: () => valuesFromNotice(notice),
    mutation: change,
    toBody: (values, numbers) => noticeBody(values, numbers),
    variables: (body) => ({ notice, body: noticeChange(notice, body) }),
    afterSave: 'keep',
    onSaved: (saved) => onSaved(saved),
  });
  return (
    <form className="form" onSubmit={form.onSubmit} noValidate aria-busy={form.pending}>
      <FormMessages form={form} />
      <NoticeInputs form={form} />
      <div className="form-actions">
        <SubmitButton form={form}>{t('form.save')}</SubmitButton>
      </div>
    </form>
  );
}
