import { useMemo } from 'react';
import { COMPLAINT_STATUSES } from '../../api/types';
import { can } from '../../auth/roles';
import { ListView } from '../../components/ListView';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, useLocation } from '../../router/router';
import { useMe } from '../auth/api';
import { useComplaints } from './api';
import { ComplaintFilterForm } from './ComplaintFilterForm';
import { ComplaintTable } from './ComplaintTable';
import { complaintsPath, parseComplaintFilters } from './filters';

/** The complaints register, for officers and inspectors (docs/complaints.md). */
export default function ComplaintsPage() {
  const { t, tv } = useI18n();
  const { data: me } = useMe();
  const { search } = useLocation();
  const filters = useMemo(() => parseComplaintFilters(search), [search]);
  const query = useComplaints(filters);

  return (
    <Page
      title={t('complaints.title')}
      lead={t('complaints.intro')}
      actions={
        can(me?.role, 'complaints.write') && (
          <Link to="/complaints/new" className="button">
            {t('complaints.new')}
          </Link>
        )
      }
    >
      <nav aria-label={t('complaints.byStatus')} className="tabs">
        {[undefined, ...COMPLAINT_STATUSES].map((status) => (
          <Link
            key={status ?? 'all'}
            to={complaintsPath({ ...filters, status })}
            aria-current={filters.status === status ? 'page' : undefined}
            className="tabs__tab"
          >
            {status ? tv('complaintStatus', status) : t('filters.all')}
          </Link>
        ))}
      </nav>
      <ComplaintFilterForm key={search} filters={filters} />
      <ListView query={query} empty={t('complaints.empty')}>
        {(complaints) => <ComplaintTable complaints={complaints} />}
      </ListView>
    </Page>
  );
}
