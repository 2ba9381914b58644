import { CHANNELS, PLACEMENT_STATUSES, POLICY_GROUPS, PROGRAMMES, SEXES } from '../../api/types';
import { CheckboxGroupField, SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import type { Form } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router/router';
import { today } from '../../forms/today';
import { AreaPicker } from '../areas/AreaPicker';
import { useAcknowledgedNotices } from '../notices/api';
import { useNames } from '../reference/api';
import { PLACEMENT_FIELDS, type PlacementField } from './formModel';

/** The id of the placement form: its inputs are `placement-<field path>`. */
export const PLACEMENT_FORM_ID = 'placement';
const CURRENCIES = ['JPY', 'KRW', 'TWD', 'EUR', 'USD', 'AUD', 'CAD', 'GBP', 'AED', 'SAR', 'MYR', 'SGD', 'HUF', 'VND'];

/** Every input's label, by its API field path, in the order of the form. */
export function usePlacementLabels(): Record<PlacementField, string> {
  const { t } = useI18n();
  return Object.fromEntries(PLACEMENT_FIELDS.map((f) => [f, t(`placement.${f}`)])) as Record<PlacementField, string>;
}

interface Props {
  mode: 'create' | 'edit';
  form: Form<unknown>;
  /** An enterprise user's records are always its own: no enterprise to choose. */
  ownAgency: boolean;
  cancelTo: string;
}

/** Create or edit one placement; the values stay in the draft until the API has saved them. */
export function PlacementForm({ mode, form, ownAgency, cancelTo }: Props) {
  const { t, tv } = useI18n();
  const names = useNames();
  const { kit } = form;
  const label = (field: PlacementField) => form.labels[field];
  // The enterprise's acknowledged recruitment notices (docs/notices.md): an enterprise user's
  // own, or those of the enterprise an officer chose.
  const chosenAgency = kit.values.agency_id ? Number(kit.values.agency_id) : null;
  const notices = useAcknowledgedNotices(ownAgency ? null : chosenAgency, ownAgency || chosenAgency !== null);
  const noticeOptions = (notices.data ?? []).map((n) => ({
    value: String(n.id),
    label: t('placement.noticeOption', { id: String(n.id), occupation: n.occupation, market: names.market(n.market_code) }),
  }));
  const namedNotice = kit.values.recruitment_notice_id;
  if (namedNotice && !noticeOptions.some((o) => o.value === namedNotice)) {
    // A notice named before it was withdrawn stays on the record: still offered as it is.
    noticeOptions.push({ value: namedNotice, label: t('placement.noticeOther', { id: namedNotice }) });
  }

  return (
    <form className="form form--wide" onSubmit={form.onSubmit} noValidate aria-busy={form.pending}>
      <FormMessages form={form} restoredNotice />

      <fieldset className="form-section">
        <legend>{t('placement.section.worker')}</legend>
        <div className="form-grid">
          <TextField kit={kit} name="worker.full_name" label={label('worker.full_name')} required autoComplete="off" />
          <TextField
            kit={kit}
            name="worker.national_id"
            label={label('worker.national_id')}
            hint={t('placement.hint.national_id')}
            required
            inputMode="numeric"
            autoComplete="off"
          />
          <TextField
            kit={kit}
            name="worker.previous_national_id"
            label={label('worker.previous_national_id')}
            hint={t('placement.hint.previous_national_id')}
            inputMode="numeric"
            autoComplete="off"
          />
          <TextField kit={kit} name="worker.date_of_birth" label={label('worker.date_of_birth')} type="date" required />
          <SelectField
            kit={kit}
            name="worker.sex"
            label={label('worker.sex')}
            required
            placeholder={t('form.choose')}
            options={SEXES.map((s) => ({ value: s, label: tv('sex', s) }))}
          />
          {/* A unit valid on the registration day (docs/places.md, "Recording a home"). */}
          <AreaPicker
            kit={kit}
            name="worker.home_area_code"
            label={label('worker.home_area_code')}
            required
            on={kit.values.registered_on || today()}
          />
          <TextField kit={kit} name="worker.phone" label={label('worker.phone')} type="tel" autoComplete="off" />
          <CheckboxGroupField
            kit={kit}
            name="worker.policy_groups"
            legend={label('worker.policy_groups')}
            options={POLICY_GROUPS.map((g) => ({ value: g, label: tv('policyGroup', g) }))}
            className="form-grid__full"
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('placement.section.contract')}</legend>
        <div className="form-grid">
          {!ownAgency && (
            <SelectField
              kit={kit}
              name="agency_id"
              label={label('agency_id')}
              hint={t('placement.hint.agency_id')}
              placeholder={t('form.none')}
              options={names.agencies.map((a) => ({ value: String(a.id), label: a.name }))}
            />
          )}
          <SelectField
            kit={kit}
            name="channel"
            label={label('channel')}
            required
            options={CHANNELS.map((c) => ({ value: c, label: tv('channel', c) }))}
          />
          <TextField kit={kit} name="external_ref" label={label('external_ref')} hint={t('placement.hint.external_ref')} />
          <SelectField
            kit={kit}
            name="market_code"
            label={label('market_code')}
            required
            placeholder={t('form.choose')}
            options={names.markets.map((m) => ({ value: m.code, label: names.market(m.code) }))}
          />
          <SelectField
            kit={kit}
            name="programme"
            label={label('programme')}
            placeholder={t('form.none')}
            options={PROGRAMMES.map((p) => ({ value: p, label: tv('programme', p) }))}
          />
          <TextField kit={kit} name="occupation" label={label('occupation')} required />
          <TextField kit={kit} name="employer_name" label={label('employer_name')} />
          <TextField
            kit={kit}
            name="contract_months"
            label={label('contract_months')}
            required
            inputMode="numeric"
          />
          <TextField
            kit={kit}
            name="monthly_salary"
            label={label('monthly_salary')}
            hint={t('placement.hint.monthly_salary')}
            required
            inputMode="decimal"
          />
          <TextField
            kit={kit}
            name="salary_currency"
            label={label('salary_currency')}
            required
            list={`${PLACEMENT_FORM_ID}-currencies`}
            autoComplete="off"
          />
          <datalist id={`${PLACEMENT_FORM_ID}-currencies`}>
            {CURRENCIES.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <SelectField
            kit={kit}
            name="recruitment_notice_id"
            label={label('recruitment_notice_id')}
            hint={t('placement.hint.recruitment_notice_id')}
            placeholder={t('form.none')}
            options={noticeOptions}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('placement.section.money')}</legend>
        <p className="field__hint">{t('placement.hint.money')}</p>
        <div className="form-grid">
          {(['service_fee_vnd', 'deposit_vnd', 'loan_vnd'] as const).map((field) => (
            <TextField key={field} kit={kit} name={field} label={label(field)} inputMode="numeric" />
          ))}
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('placement.section.status')}</legend>
        <div className="form-grid">
          {mode === 'create' && (
            <SelectField
              kit={kit}
              name="status"
              label={label('status')}
              options={PLACEMENT_STATUSES.map((s) => ({ value: s, label: tv('status', s) }))}
            />
          )}
          <TextField kit={kit} name="registered_on" label={label('registered_on')} type="date" required />
          <TextField
            kit={kit}
            name="contract_signed_on"
            label={label('contract_signed_on')}
            type="date"
            hint={t('placement.hint.contract_signed_on')}
          />
          <TextField kit={kit} name="departure_date" label={label('departure_date')} type="date" />
          <TextField kit={kit} name="return_date" label={label('return_date')} type="date" />
          <TextAreaField kit={kit} name="notes" label={label('notes')} className="form-grid__full" />
        </div>
      </fieldset>

      <div className="form-actions">
        <SubmitButton form={form}>{t('form.save')}</SubmitButton>
        <Link to={cancelTo} className="button button--secondary">
          {t('form.cancel')}
        </Link>
      </div>
    </form>
  );
}
