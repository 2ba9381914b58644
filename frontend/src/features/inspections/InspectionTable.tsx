import type { Inspection } from '../../api/types';
import { today } from '../../forms/today';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router/router';
import { useNames } from '../reference/api';
import { InspectionStatusBadge, ResultBadge } from './InspectionBadges';
import { isOverdue } from './rules';

export function InspectionTable({ inspections }: { inspections: Inspection[] }) {
  const { t, tv, formatDate, formatNumber } = useI18n();
  const names = useNames();
  const now = today();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t('inspections.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('inspection.decision_no')}</th>
            <th scope="col">{t('inspection.agency_id')}</th>
            <th scope="col">{t('inspection.kind')}</th>
            <th scope="col">{t('inspection.status')}</th>
            <th scope="col">{t('inspection.planned_on')}</th>
            <th scope="col">{t('inspection.result')}</th>
            <th scope="col" className="num">
              {t('inspections.violations')}
            </th>
          </tr>
        </thead>
        <tbody>
          {inspections.map((inspection) => {
            const overdue = inspection.violations.filter((v) => isOverdue(v, now)).length;
            return (
              <tr key={inspection.id}>
                <th scope="row" data-label={t('inspection.decision_no')}>
                  <Link to={`/inspections/${inspection.id}`}>
                    {inspection.decision_no ?? t('inspections.numbered', { id: inspection.id })}
                  </Link>
                </th>
                <td data-label={t('inspection.agency_id')}>{names.agency(inspection.agency_id)}</td>
                <td data-label={t('inspection.kind')}>{tv('inspectionKind', inspection.kind)}</td>
                <td data-label={t('inspection.status')}>
                  <InspectionStatusBadge status={inspection.status} />
                </td>
                <td data-label={t('inspection.planned_on')}>
                  {inspection.planned_on ? formatDate(inspection.planned_on) : t('common.none')}
                </td>
                <td data-label={t('inspection.result')}>
                  <ResultBadge result={inspection.result} />
                </td>
                <td data-label={t('inspections.violations')} className="num">
                  {formatNumber(inspection.violations.length)}
                  {overdue > 0 && (
                    <>
                      {' '}
                      <span className="badge badge--overdue">{t('inspections.overdueCount', { count: overdue })}</span>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
