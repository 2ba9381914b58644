import { useId } from 'react';
import type { FieldError } from '../../api/errors';
import { FieldErrorText } from '../../components/form/FieldErrorText';
import { useI18n } from '../../i18n/I18nProvider';
import { REMEDY_KINDS, type RemedyKind } from './api';

/** One remedy item as typed; amounts and placement ids are read when the form is sent. */
export interface RemedyDraft {
  kind: RemedyKind;
  description: string;
  amount: string;
  placements: string;
  due: string;
}

export const blankRemedy = (): RemedyDraft => ({ kind: 'other', description: '', amount: '', placements: '', due: '' });

/** The rows kept in the form's values as one text, so that the draft keeps them too. */
export function readRemedies(text: string | undefined): RemedyDraft[] {
  if (!text) return [];
  try {
    const rows: unknown = JSON.parse(text);
    return Array.isArray(rows) ? (rows as RemedyDraft[]) : [];
  } catch {
    return [];
  }
}

interface Props {
  id: string;
  rows: RemedyDraft[];
  onChange: (rows: RemedyDraft[]) => void;
  errors: FieldError[] | undefined;
}

/** The remedial measures ordered for a violation (Decree 283/2026 Art. 3(3)), one row each. */
export function RemedyRows({ id, rows, onChange, errors }: Props) {
  const { t, tv } = useI18n();
  const legendId = useId();
  const set = (index: number, change: Partial<RemedyDraft>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <fieldset className={`field field--group form-grid__full${errors?.length ? ' field--invalid' : ''}`} id={id} tabIndex={-1} aria-describedby={errors?.length ? `${id}-error` : undefined}>
      <legend id={legendId}>{t('remedy.legend')}</legend>
      <FieldErrorText id={`${id}-error`} errors={errors} />
      {rows.length === 0 && <p className="field__hint">{t('remedy.noneYet')}</p>}
      {rows.map((row, i) => {
        const rowId = `${id}-${i}`;
        const label = (name: string) => `${t(`remedy.${name}` as 'remedy.kind')} (${t('remedy.item', { n: i + 1 })})`;
        return (
          <div key={i} className="remedy-row">
            <div className="field">
              <label htmlFor={`${rowId}-kind`}>{label('kind')}</label>
              <select id={`${rowId}-kind`} value={row.kind} onChange={(e) => set(i, { kind: e.target.value as RemedyKind })}>
                {REMEDY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {tv('remedyKind', k)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field remedy-row__wide">
              <label htmlFor={`${rowId}-description`}>{label('description')}</label>
              <input id={`${rowId}-description`} value={row.description} onChange={(e) => set(i, { description: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${rowId}-amount`}>{label('amount_vnd')}</label>
              <input id={`${rowId}-amount`} inputMode="numeric" value={row.amount} onChange={(e) => set(i, { amount: e.target.value })} />
            </div>
            {row.kind === 'refund_workers' && (
              <div className="field">
                <label htmlFor={`${rowId}-placements`}>{label('placement_ids')}</label>
                <input
                  id={`${rowId}-placements`}
                  value={row.placements}
                  aria-describedby={`${rowId}-placements-hint`}
                  onChange={(e) => set(i, { placements: e.target.value })}
                />
                <p className="field__hint" id={`${rowId}-placements-hint`}>
                  {t('remedy.placementsHint')}
                </p>
              </div>
            )}
            <div className="field">
              <label htmlFor={`${rowId}-due`}>{label('due_on')}</label>
              <input id={`${rowId}-due`} type="date" value={row.due} onChange={(e) => set(i, { due: e.target.value })} />
            </div>
            <button type="button" className="button button--small button--secondary" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              {t('remedy.remove', { n: i + 1 })}
            </button>
          </div>
        );
      })}
      <button type="button" className="button button--small button--secondary" onClick={() => onChange([...rows, blankRemedy()])}>
        {t('remedy.addRow')}
      </button>
    </fieldset>
  );
}
