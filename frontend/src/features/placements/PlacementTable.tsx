import type { Placement } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router/router';
import { useNames } from '../reference/api';
import { FlagBadges, StatusBadge } from './StatusBadge';

/** The registry's rows; the name links to the record. */
export function PlacementTable({ placements, showAgency }: { placements: Placement[]; showAgency: boolean }) {
  const { t, formatDate } = useI18n();
  const names = useNames();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t('placements.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('placement.id')}</th>
            <th scope="col" className="col-name">
              {t('placement.worker.full_name')}
            </th>
            <th scope="col">{t('placement.worker.national_id')}</th>
            <th scope="col">{t('placement.market_code')}</th>
            {showAgency && <th scope="col">{t('placement.agency_id')}</th>}
            <th scope="col">{t('placement.status')}</th>
            <th scope="col">{t('placement.departure_date')}</th>
            <th scope="col">{t('placements.flags')}</th>
          </tr>
        </thead>
        <tbody>
          {placements.map((p) => (
            <tr key={p.id}>
              <td data-label={t('placement.id')}>{p.id}</td>
              <th scope="row" data-label={t('placement.worker.full_name')}>
                <Link to={`/placements/${p.id}`}>{p.worker.full_name}</Link>
              </th>
              <td data-label={t('placement.worker.national_id')} className="code">
                {p.worker.national_id}
              </td>
              <td data-label={t('placement.market_code')}>{names.market(p.market_code)}</td>
              {showAgency && <td data-label={t('placement.agency_id')}>{names.agency(p.agency_id) || t('common.none')}</td>}
              <td data-label={t('placement.status')}>
                <StatusBadge status={p.status} />
              </td>
              <td data-label={t('placement.departure_date')}>
                {p.departure_date ? formatDate(p.departure_date) : t('common.none')}
              </td>
              <td data-label={t('placements.flags')}>
                <FlagBadges flags={p.flags} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
