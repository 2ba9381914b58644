import type { Placement } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router/router';
import { useNames } from '../reference/api';
import { FlagBadges, StatusBadge } from './StatusBadge';

interface Props {
  placements: Placement[];
  showAgency: boolean;
  /** The API's order of the rows (`full_name`, `-departure_date`, ...) and how to change it. */
  sort: string;
  onSort: (sort: string) => void;
}

/** The registry's rows, sorted by the API; the name links to the record. */
export function PlacementTable({ placements, showAgency, sort, onSort }: Props) {
  const { t, formatDate } = useI18n();
  const names = useNames();
  const day = (value: string | null) => (value ? formatDate(value) : t('common.none'));
  return (
    <DataTable
      caption={t('placements.caption')}
      rows={placements}
      rowKey={(p) => p.id}
      serverSort={{ sort, onSort }}
      columns={[
        { label: t('placement.id'), sortKey: 'id', cell: (p) => p.id },
        {
          label: t('placement.worker.full_name'),
          rowHeader: true,
          headerClassName: 'col-name',
          sortKey: 'full_name',
          cell: (p) => <Link to={`/placements/${p.id}`}>{p.worker.full_name}</Link>,
        },
        { label: t('placement.worker.national_id'), cellClassName: 'code', cell: (p) => p.worker.national_id },
        { label: t('placement.market_code'), cell: (p) => names.market(p.market_code) },
        showAgency && {
          label: t('placement.agency_id'),
          // A long enterprise name takes at most two lines; the whole name is its title.
          cellClassName: 'cell-clamp',
          cell: (p) => {
            const name = names.agency(p.agency_id);
            return name ? <span title={name}>{name}</span> : t('common.none');
          },
        },
        { label: t('placement.status'), sortKey: 'status', cell: (p) => <StatusBadge status={p.status} /> },
        { label: t('placement.registered_on'), sortKey: 'registered_on', cell: (p) => day(p.registered_on) },
        { label: t('placement.departure_date'), sortKey: 'departure_date', cell: (p) => day(p.departure_date) },
        { label: t('placements.flags'), cell: (p) => <FlagBadges flags={p.flags} /> },
      ]}
    />
  );
}
