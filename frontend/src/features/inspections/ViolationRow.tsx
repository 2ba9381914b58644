import { useId, useState } from 'react';
import type { Violation } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { today } from '../../forms/today';
import { useI18n } from '../../i18n/I18nProvider';
import { useUpdateViolation } from './api';
import { isOpen, isOverdue } from './rules';

interface Props {
  inspectionId: number;
  violation: Violation;
  editable: boolean;
}

/** One violation, and for inspectors the two ways to settle it: remedied on a day, or waived. */
export function ViolationRow({ inspectionId, violation, editable }: Props) {
  const { t, tv, formatDate, formatNumber } = useI18n();
  const update = useUpdateViolation(inspectionId, violation);
  const [remediedOn, setRemediedOn] = useState(today());
  const dateId = useId();
  const settled = !isOpen(violation);
  const overdue = isOverdue(violation, today());

  let state;
  if (violation.waived) state = <span className="badge">{t('violation.waived')}</span>;
  else if (violation.remedied_on)
    state = <span className="badge badge--active">{t('violation.remediedOn', { date: formatDate(violation.remedied_on) })}</span>;
  else if (overdue) state = <span className="badge badge--overdue">{t('violation.overdue')}</span>;
  else state = <span className="badge">{t('violation.open')}</span>;

  return (
    <li className="card violation">
      <h3>
        {tv('violationCategory', violation.category)} {state}
      </h3>
      <p>{violation.description}</p>
      <dl className="facts facts--inline">
        <div className="facts__item">
          <dt>{t('violation.legal_basis')}</dt>
          <dd>{violation.legal_basis ?? t('common.none')}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('violation.fine_vnd')}</dt>
          <dd>{formatNumber(violation.fine_vnd, { style: 'currency', currency: 'VND' })}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('violation.remedy')}</dt>
          <dd>{violation.remedy ?? t('common.none')}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('violation.remedy_due')}</dt>
          <dd>{violation.remedy_due ? formatDate(violation.remedy_due) : t('common.none')}</dd>
        </div>
      </dl>
      {editable && !settled && (
        <div className="violation__actions">
          <div className="inline-form">
            <label htmlFor={dateId}>{t('violation.remedied_on')}</label>
            <input id={dateId} type="date" value={remediedOn} onChange={(e) => setRemediedOn(e.target.value)} />
            <button
              type="button"
              className="button button--small"
              disabled={update.isPending || !remediedOn}
              onClick={() => update.mutate({ remedied_on: remediedOn })}
            >
              {t('violation.markRemedied')}
            </button>
          </div>
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={update.isPending}
            onClick={() => update.mutate({ waived: true })}
          >
            {t('violation.waive')}
          </button>
        </div>
      )}
      {update.isError && <ErrorAlert error={update.error} />}
    </li>
  );
}
