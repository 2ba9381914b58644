import { useId, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { today } from '../../forms/today';
import { useI18n } from '../../i18n/I18nProvider';
import { formatVnd } from '../rules/labels';
import { useUpdateRemedy, type Remedy } from './api';

interface Props {
  inspectionId: number;
  violationId: number;
  remedy: Remedy;
  editable: boolean;
}

/**
 * One remedy item and its state; for inspectors, done on a day or cancelled by an amending
 * decision (the law has no waiver: docs/inspections.md, "Remedies"), each after a confirm.
 */
export function RemedyItem({ inspectionId, violationId, remedy, editable }: Props) {
  const { t, tv, formatDate } = useI18n();
  const update = useUpdateRemedy(inspectionId, violationId, remedy);
  const [doneOn, setDoneOn] = useState(today());
  const [cancelling, setCancelling] = useState(false);
  const [number, setNumber] = useState('');
  const [cancelledOn, setCancelledOn] = useState(today());
  const id = useId();
  const open = !remedy.done_on && !remedy.cancelled_by;
  const overdue = open && remedy.due_on !== null && remedy.due_on < today();

  let state;
  if (remedy.done_on) state = <span className="badge badge--active">{t('remedy.doneOn', { date: formatDate(remedy.done_on) })}</span>;
  else if (remedy.cancelled_by)
    state = (
      <span className="badge">
        {t('remedy.cancelledBy', { number: remedy.cancelled_by, date: remedy.cancelled_on ? formatDate(remedy.cancelled_on) : '' })}
      </span>
    );
  else if (overdue) state = <span className="badge badge--overdue">{t('violation.overdue')}</span>;
  else state = <span className="badge">{t('violation.open')}</span>;

  const markDone = () => {
    if (window.confirm(t('remedy.confirmDone', { what: remedy.description, date: formatDate(doneOn) }))) update.mutate({ done_on: doneOn });
  };
  const cancel = () => {
    if (window.confirm(t('remedy.confirmCancel', { what: remedy.description, number: number.trim() })))
      update.mutate({ cancelled_by: number.trim(), cancelled_on: cancelledOn });
  };

  return (
    <li className="remedy">
      <p>
        <strong>{tv('remedyKind', remedy.kind)}</strong>: {remedy.description} {state}
      </p>
      <p className="remedy__details">
        {remedy.amount_vnd !== null && <>{t('remedy.amount', { amount: formatVnd(remedy.amount_vnd) })} · </>}
        {remedy.placement_ids.length > 0 && <>{t('remedy.placements', { ids: remedy.placement_ids.join(', ') })} · </>}
        {t('remedy.due', { date: remedy.due_on ? formatDate(remedy.due_on) : t('common.none') })}
      </p>
      {editable && open && (
        <div className="violation__actions">
          <div className="inline-form">
            <label htmlFor={`${id}-done`}>{t('remedy.done_on')}</label>
            <input id={`${id}-done`} type="date" value={doneOn} onChange={(e) => setDoneOn(e.target.value)} />
            <button type="button" className="button button--small" disabled={update.isPending || !doneOn} onClick={markDone}>
              {t('remedy.markDone')}
            </button>
          </div>
          {!cancelling ? (
            <button type="button" className="button button--small button--secondary" onClick={() => setCancelling(true)}>
              {t('remedy.cancel')}
            </button>
          ) : (
            <div className="inline-form">
              <label htmlFor={`${id}-number`}>{t('remedy.cancelled_by')}</label>
              <input id={`${id}-number`} value={number} onChange={(e) => setNumber(e.target.value)} />
              <label htmlFor={`${id}-on`}>{t('remedy.cancelled_on')}</label>
              <input id={`${id}-on`} type="date" value={cancelledOn} onChange={(e) => setCancelledOn(e.target.value)} />
              <button
                type="button"
                className="button button--small button--secondary"
                disabled={update.isPending || !number.trim() || !cancelledOn}
                onClick={cancel}
              >
                {t('remedy.cancel')}
              </button>
            </div>
          )}
        </div>
      )}
      {update.isError && <ErrorAlert error={update.error} />}
    </li>
  );
}
