import type { ReactNode } from 'react';
import type { Obligation } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router/router';
import { periodText, vietnamDateTime } from './duties';
import { DutyStatusBadge } from './DutyStatusBadge';

interface Props {
  duties: Obligation[];
  caption: string;
  /** The enterprise column, linked to its page (the officers' list). */
  showAgency?: boolean;
  /** What can be done with a duty (file, amend, record); no column when absent. */
  action?: (duty: Obligation) => ReactNode;
  testId?: string;
}

/** Reports owed: which, for what period, due when, filed when, and whether in time. */
export function DutyTable({ duties, caption, showAgency = false, action, testId }: Props) {
  const i18n = useI18n();
  const { t, tv, formatDate } = i18n;
  return (
    <DataTable
      caption={caption}
      testId={testId}
      rows={duties}
      rowKey={(d) => `${d.agency_id}-${d.kind}-${d.period_from}`}
      rowData={(d) => ({ 'data-status': d.status, 'data-agency': d.agency_id, 'data-period': d.period_from, 'data-kind': d.kind })}
      columns={[
        showAgency && {
          label: t('tracking.agency'),
          rowHeader: true,
          cell: (d) => <Link to={`/agencies/${d.agency_id}`}>{d.agency_name}</Link>,
          sortValue: (d) => d.agency_name,
        },
        { label: t('reports.kind'), rowHeader: !showAgency, cell: (d) => tv('reportKind', d.kind) },
        { label: t('reports.period'), cell: (d) => periodText(i18n, d) },
        {
          label: t('reports.dueOn'),
          cell: (d) => <time dateTime={d.due_on}>{formatDate(d.due_on)}</time>,
          sortValue: showAgency ? (d) => d.due_on : undefined,
        },
        {
          label: t('reports.submittedAt'),
          cell: (d) => (d.submitted_at ? <time dateTime={d.submitted_at}>{vietnamDateTime(d.submitted_at)}</time> : t('common.none')),
        },
        { label: t('reports.status'), cell: (d) => <DutyStatusBadge status={d.status} /> },
        action && { label: t('common.actions'), cell: action },
      ]}
    />
  );
}
