import { useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { FormKit, FormValues } from '../../components/form/kit';
import { errorsFor } from '../../forms/fieldErrors';
import { today } from '../../forms/today';
import { useIdempotencyKey } from '../../forms/useIdempotencyKey';
import { useI18n } from '../../i18n/I18nProvider';
import { AreaPicker } from '../areas/AreaPicker';
import { useAssignCommune, type AssignCommuneIn, type PlacementFilters } from './api';

/** The first day of the two-level local government, and the last day of the old units (docs/places.md). */
export const REFORM_DAY = '2025-07-01';
export const LAST_OLD_DAY = '2025-06-30';

export type ReformSide = 'after' | 'before';

const later = (a: string | undefined, b: string) => (a && a > b ? a : b);
const earlier = (a: string | undefined, b: string) => (a && a < b ? a : b);

/**
 * The assignment of a commune to the records the list's filters find, kept to one side of the
 * reform: each record takes the unit with the code valid on its own registration day, and
 * one code names an old commune before 2025-07-01 and a new unit after it.
 */
export function assignBody(filters: PlacementFilters, side: ReformSide, homeAreaCode: string): AssignCommuneIn {
  const filter = { ...filters };
  if (side === 'after') filter.registered_from = later(filters.registered_from, REFORM_DAY);
  else filter.registered_to = earlier(filters.registered_to, LAST_OLD_DAY);
  return { home_area_code: homeAreaCode, filter: { ...filter, unallocated: filters.unallocated ?? false } };
}

/** The day the picker offers units for: today's units after the reform, the last old ones before it. */
export const pickerDay = (side: ReformSide) => (side === 'after' ? today() : LAST_OLD_DAY);

const FIELDS = ['home_area_code'];

/** Officers: give the filtered records a commune, with a dry run first (POST /placements/assign-commune). */
export function AssignCommuneDialog({ filters, open, onClose }: { filters: PlacementFilters; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [side, setSide] = useState<ReformSide>('after');
  const [values, setValues] = useState<FormValues>({ home_area_code: '' });
  const [checked, setChecked] = useState<{ body: string; matched: number } | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [missing, setMissing] = useState(false);
  const assign = useAssignCommune();
  const idempotencyKey = useIdempotencyKey();

  const body = assignBody(filters, side, values.home_area_code ?? '');
  const bodyText = JSON.stringify(body);
  const current = checked?.body === bodyText ? checked : null;
  const mapped = errorsFor(assign.error, FIELDS);
  const otherError = assign.error && !mapped.byField.home_area_code?.length ? assign.error : null;

  // Any change of side or commune asks for a new dry run.
  const changed = () => {
    assign.reset();
    setDone(null);
  };
  const kit: FormKit = {
    id: 'assign-commune',
    values,
    set: (name, value) => {
      setValues((v) => ({ ...v, [name]: value }));
      setMissing(false);
      changed();
    },
    errors: mapped.byField,
  };

  const dryRun = (event: FormEvent) => {
    event.preventDefault();
    if (!body.home_area_code) {
      setMissing(true);
      return;
    }
    setDone(null);
    assign.mutate(
      { body, dryRun: true },
      { onSuccess: (result) => setChecked({ body: bodyText, matched: result.matched }) },
    );
  };

  const confirm = () => {
    assign.mutate(
      { body, dryRun: false, idempotencyKey: idempotencyKey(body) },
      {
        onSuccess: (result) => {
          setChecked(null);
          setDone(result.updated);
        },
      },
    );
  };

  return (
    <Dialog open={open} title={t('assign.title')} onClose={onClose}>
      <p>{t('assign.intro')}</p>
      <form className="form" onSubmit={dryRun} noValidate aria-busy={assign.isPending}>
        <fieldset className="field field--group">
          <legend>{t('assign.which')}</legend>
          {(['after', 'before'] as const).map((value) => (
            <label key={value} className="checkbox">
              <input
                type="radio"
                name="assign-side"
                value={value}
                checked={side === value}
                onChange={() => {
                  setSide(value);
                  changed();
                }}
              />
              {t(value === 'after' ? 'assign.after' : 'assign.before')}
            </label>
          ))}
        </fieldset>
        <AreaPicker kit={kit} name="home_area_code" label={t('assign.area')} required on={pickerDay(side)} level="commune" />
        {missing && (
          <p className="alert alert--error" role="alert">
            {t('assign.chooseFirst')}
          </p>
        )}
        {otherError && <ErrorAlert error={otherError} />}
        <div role="status">
          {current && <p data-testid="assign-matched">{t('assign.matched', { count: current.matched })}</p>}
          {done !== null && <p className="alert alert--success">{t('assign.done', { count: done })}</p>}
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--secondary" disabled={assign.isPending}>
            {t('assign.dryRun')}
          </button>
          {current && current.matched > 0 && (
            <button type="button" className="button" onClick={confirm} disabled={assign.isPending}>
              {t('assign.confirm', { count: current.matched })}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
