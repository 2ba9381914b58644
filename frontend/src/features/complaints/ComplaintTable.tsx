import type { Complaint } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router/router';
import { useNames } from '../reference/api';
import { ComplaintStatusBadge, FindingBadge } from './ComplaintBadges';

/** The register's rows, newest received first; the number links to the complaint. */
export function ComplaintTable({ complaints }: { complaints: Complaint[] }) {
  const { t, tv, formatDate } = useI18n();
  const names = useNames();
  return (
    <DataTable
      caption={t('complaints.caption')}
      rows={complaints}
      rowKey={(c) => c.id}
      columns={[
        {
          label: t('complaint.id'),
          rowHeader: true,
          cell: (c) => <Link to={`/complaints/${c.id}`}>{t('complaints.numbered', { id: c.id })}</Link>,
        },
        { label: t('complaint.received_on'), cell: (c) => formatDate(c.received_on) },
        { label: t('complaint.agency_id'), cell: (c) => (c.agency_id === null ? t('complaints.noAgency') : names.agency(c.agency_id)) },
        { label: t('complaint.source'), cell: (c) => tv('complaintSource', c.source) },
        { label: t('complaint.category'), cell: (c) => tv('complaintCategory', c.category) },
        { label: t('complaint.status'), cell: (c) => <ComplaintStatusBadge status={c.status} /> },
        { label: t('complaint.substantiated'), cell: (c) => <FindingBadge substantiated={c.substantiated} /> },
        {
          label: t('complaint.inspection'),
          cell: (c) =>
            c.inspection_id === null ? t('common.none') : <Link to={`/inspections/${c.inspection_id}`}>{t('inspections.numbered', { id: c.inspection_id })}</Link>,
        },
      ]}
    />
  );
}
