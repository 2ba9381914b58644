import { useId, useState } from 'react';
import type { Violation } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { today } from '../../forms/today';
import { useI18n } from '../../i18n/I18nProvider';
import { formatVnd } from '../rules/labels';
import { useUpdateViolation } from './api';
import { RemedyItem } from './RemedyItem';
import { isOpen, isOverdue } from './rules';

interface Props {
  inspectionId: number;
  violation: Violation;
  editable: boolean;
}

/**
 * One violation with its act, fine, sanctions and remedy items. A violation without items
 * (recorded before items existed, or with no remedy ordered) is settled as a whole: remedied
 * on a day, or waived.
 */
export function ViolationRow({ inspectionId, violation, editable }: Props) {
  const { t, tv, formatDate } = useI18n();
  const update = useUpdateViolation(inspectionId, violation);
  const [remediedOn, setRemediedOn] = useState(today());
  const dateId = useId();
  const settled = !isOpen(violation);
  const overdue = isOverdue(violation, today());
  const items = violation.remedies;

  let state;
  if (violation.waived) state = <span className="badge">{t('violation.waived')}</span>;
  else if (violation.remedied_on)
    state = <span className="badge badge--active">{t('violation.remediedOn', { date: formatDate(violation.remedied_on) })}</span>;
  else if (overdue) state = <span className="badge badge--overdue">{t('violation.overdue')}</span>;
  else state = <span className="badge">{t('violation.open')}</span>;

  const facts: [string, string][] = [
    [t('violation.legal_basis'), violation.legal_basis ?? t('common.none')],
    [t('violation.act_ended_on'), violation.act_ended_on ? formatDate(violation.act_ended_on) : t('common.none')],
    [t('violation.offender'), tv('offender', violation.offender)],
    ...(violation.affected_workers !== null ? [[t('violation.affected_workers'), String(violation.affected_workers)] as [string, string]] : []),
    [t('violation.fine_vnd'), t('rules.vnd', { amount: formatVnd(violation.fine_vnd) })],
    ...(violation.licence_suspension_months !== null
      ? [[t('violation.licence_suspension_months'), String(violation.licence_suspension_months)] as [string, string]]
      : []),
    ...(violation.additional_sanctions ? [[t('violation.additional_sanctions'), violation.additional_sanctions] as [string, string]] : []),
    ...(items.length === 0
      ? ([
          [t('violation.remedy'), violation.remedy ?? t('common.none')],
          [t('violation.remedy_due'), violation.remedy_due ? formatDate(violation.remedy_due) : t('common.none')],
        ] as [string, string][])
      : []),
  ];

  return (
    <li className="card violation">
      <h3>
        {violation.catalogued ? t('violation.catalogued') : tv('violationCategory', violation.category)} {state}
      </h3>
      <p>{violation.description}</p>
      <dl className="facts facts--inline">
        {facts.map(([label, value]) => (
          <div key={label} className="facts__item">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {items.length > 0 && (
        <>
          <h4>{t('remedy.legend')}</h4>
          <ul className="remedies">
            {items.map((remedy) => (
              <RemedyItem key={remedy.id} inspectionId={inspectionId} violationId={violation.id} remedy={remedy} editable={editable} />
            ))}
          </ul>
        </>
      )}
      {editable && !settled && items.length === 0 && (
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
