import type { Placement } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router/router';
import { useNames } from '../reference/api';
import { FlagBadges, StatusBadge } from './StatusBadge';

/** The registry's rows; the name links to the record. */
export function PlacementTable({ placements, showAgency }: { placements: Placement[]; showAgency: boolean }) {
  const { t, formatDate } = useI18n();
  const names = useNames();
  return (
    <DataTable
      caption={t('placements.caption')}
      rows={placements}
      rowKey={(p) => p.id}
      columns={[
        { label: t('placement.id'), cell: (p) => p.id },
        {
          label: t('placement.worker.full_name'),
          rowHeader: true,
          headerClassName: 'col-name',
          cell: (p) => <Link to={`/placements/${p.id}`}>{p.worker.full_name}</Link>,
        },
        { label: t('placement.worker.national_id'), cellClassName: 'code', cell: (p) => p.worker.national_id },
        { label: t('placement.market_code'), cell: (p) => names.market(p.market_code) },
        showAgency && { label: t('placement.agency_id'), cell: (p) => names.agency(p.agency_id) || t('common.none') },
        { label: t('placement.status'), cell: (p) => <StatusBadge status={p.status} /> },
        { label: t('placement.departure_date'), cell: (p) => (p.departure_date ? formatDate(p.departure_date) : t('common.none')) },
        { label: t('placements.flags'), cell: (p) => <FlagBadges flags={p.flags} /> },
      ]}
    />
  );
}
