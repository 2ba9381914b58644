import type { Inspection } from '../../api/types';
import { DataTable } from '../../components/DataTable';
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
    <DataTable
      caption={t('inspections.caption')}
      rows={inspections}
      rowKey={(inspection) => inspection.id}
      columns={[
        {
          label: t('inspection.decision_no'),
          rowHeader: true,
          cell: (inspection) => (
            <Link to={`/inspections/${inspection.id}`}>
              {inspection.decision_no ?? t('inspections.numbered', { id: inspection.id })}
            </Link>
          ),
        },
        { label: t('inspection.agency_id'), cell: (inspection) => names.agency(inspection.agency_id) },
        { label: t('inspection.kind'), cell: (inspection) => tv('inspectionKind', inspection.kind) },
        { label: t('inspection.status'), cell: (inspection) => <InspectionStatusBadge status={inspection.status} /> },
        {
          label: t('inspection.planned_on'),
          cell: (inspection) => (inspection.planned_on ? formatDate(inspection.planned_on) : t('common.none')),
        },
        { label: t('inspection.result'), cell: (inspection) => <ResultBadge result={inspection.result} /> },
        {
          label: t('inspections.violations'),
          numeric: true,
          cell: (inspection) => {
            const overdue = inspection.violations.filter((v) => isOverdue(v, now)).length;
            return (
              <>
                {formatNumber(inspection.violations.length)}
                {overdue > 0 && (
                  <>
                    {' '}
                    <span className="badge badge--overdue">{t('inspections.overdueCount', { count: overdue })}</span>
                  </>
                )}
              </>
            );
          },
        },
      ]}
    />
  );
}
