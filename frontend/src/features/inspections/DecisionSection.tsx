import type { Inspection } from '../../api/types';
import { TextAreaField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import { useForm } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { useUpdateInspection, type InspectionChange } from './api';

const FIELDS = ['decision_no', 'decision_date', 'decision_signer', 'team_members'] as const;

/** Team members are typed one a line. */
function members(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Step 1, the inspection decision: its number, day, signer and team (docs/inspections.md). */
export function DecisionSection({ inspection, editable }: { inspection: Inspection; editable: boolean }) {
  const { t, formatDate } = useI18n();
  const form = useForm({
    id: 'decision',
    fields: Object.fromEntries(FIELDS.map((f) => [f, t(`inspection.${f}`)])),
    draftKey: null,
    initial: () => ({
      decision_no: inspection.decision_no ?? '',
      decision_date: inspection.decision_date ?? '',
      decision_signer: inspection.decision_signer ?? '',
      team_members: inspection.team_members.join('\n'),
    }),
    mutation: useUpdateInspection(inspection),
    toBody: (v): InspectionChange => ({
      decision_no: v.decision_no.trim() || null,
      decision_date: v.decision_date || null,
      decision_signer: v.decision_signer.trim() || null,
      team_members: members(v.team_members),
    }),
    afterSave: 'keep',
  });
  const { kit, labels } = form;

  if (!editable) {
    const rows: [string, string][] = [
      [t('inspection.decision_no'), inspection.decision_no ?? t('common.none')],
      [t('inspection.decision_date'), inspection.decision_date ? formatDate(inspection.decision_date) : t('common.none')],
      [t('inspection.decision_signer'), inspection.decision_signer ?? t('common.none')],
      [t('inspection.team_members'), inspection.team_members.join(', ') || t('common.none')],
    ];
    return (
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label} className="facts__item">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return (
    <form className="form" onSubmit={form.onSubmit} noValidate>
      <FormMessages form={form} saved={() => t('form.saved')} />
      <div className="form-grid">
        <TextField kit={kit} name="decision_no" label={labels.decision_no} />
        <TextField kit={kit} name="decision_date" label={labels.decision_date} type="date" />
        <TextField kit={kit} name="decision_signer" label={labels.decision_signer} className="form-grid__full" />
        <TextAreaField kit={kit} name="team_members" label={labels.team_members} hint={t('inspection.teamHint')} className="form-grid__full" />
      </div>
      <div className="form-actions">
        <SubmitButton form={form}>{t('inspection.saveDecision')}</SubmitButton>
      </div>
    </form>
  );
}
