import type { ReactNode } from 'react';
import { isNotFound } from '../../api/errors';
import type { Complaint } from '../../api/types';
import { can } from '../../auth/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, useLocation, useParams } from '../../router/router';
import { useMe } from '../auth/api';
import { useNames } from '../reference/api';
import { useComplaint } from './api';
import { ComplaintStatusBadge, FindingBadge } from './ComplaintBadges';
import { mayStartInspection } from './rules';
import { StartInspectionForm } from './StartInspectionForm';
import { TriageForm } from './TriageForm';

function Facts({ items }: { items: [string, ReactNode][] }) {
  const { t } = useI18n();
  return (
    <dl className="facts">
      {items.map(([label, value]) => (
        <div key={label} className="facts__item">
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === '' ? t('common.none') : value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ComplaintDetail({ complaint }: { complaint: Complaint }) {
  const { t, tv, formatDate } = useI18n();
  const { data: me } = useMe();
  const names = useNames();
  const saved = new URLSearchParams(useLocation().search).has('saved');
  const writable = can(me?.role, 'complaints.write');
  const anonymous = !complaint.complainant_name && !complaint.complainant_phone && !complaint.complainant_address;

  return (
    <Page
      title={t('complaint.title', { id: complaint.id })}
      lead={
        complaint.agency_id === null ? (
          t('complaints.noAgency')
        ) : (
          <Link to={`/agencies/${complaint.agency_id}`}>{names.agency(complaint.agency_id)}</Link>
        )
      }
    >
      {saved && (
        <p className="alert alert--success" role="status">
          {t('form.saved')}
        </p>
      )}
      <p className="status-line">
        <ComplaintStatusBadge status={complaint.status} /> <FindingBadge substantiated={complaint.substantiated} />
      </p>
      <div className="detail-grid">
        <section className="card" aria-labelledby="complaint-facts">
          <h2 id="complaint-facts">{t('complaint.facts')}</h2>
          <Facts
            items={[
              [t('complaint.received_on'), formatDate(complaint.received_on)],
              [t('complaint.source'), tv('complaintSource', complaint.source)],
              [t('complaint.category'), tv('complaintCategory', complaint.category)],
              [t('complaint.area_code'), complaint.area_code ? `${names.area(complaint.area_code)} (${complaint.area_code})` : null],
              [
                t('complaint.worker'),
                complaint.placement_id === null ? null : (
                  <Link to={`/placements/${complaint.placement_id}`}>{t('complaint.viewPlacement', { id: complaint.placement_id })}</Link>
                ),
              ],
              [
                t('complaint.inspection'),
                complaint.inspection_id === null ? null : (
                  <Link to={`/inspections/${complaint.inspection_id}`}>{t('complaint.viewInspection')}</Link>
                ),
              ],
              [t('complaint.resolved_on'), complaint.resolved_on ? formatDate(complaint.resolved_on) : null],
            ]}
          />
          <h3>{t('complaint.summary')}</h3>
          <p className="prewrap">{complaint.summary}</p>
          {complaint.outcome && (
            <>
              <h3>{t('complaint.outcome')}</h3>
              <p className="prewrap">{complaint.outcome}</p>
            </>
          )}
        </section>
        <section className="card" aria-labelledby="complaint-complainant">
          <h2 id="complaint-complainant">{t('complaint.complainant')}</h2>
          <p className="field__hint">{t('complaint.personalNote')}</p>
          {anonymous ? (
            <p>{t('complaints.anonymous')}</p>
          ) : (
            <Facts
              items={[
                [t('complaint.complainant_name'), complaint.complainant_name],
                [t('complaint.complainant_phone'), complaint.complainant_phone],
                [t('complaint.complainant_address'), complaint.complainant_address],
              ]}
            />
          )}
        </section>
      </div>

      {writable && (
        <div className="detail-grid">
          <section className="card" aria-labelledby="complaint-triage">
            <h2 id="complaint-triage">{t('complaint.triage')}</h2>
            <TriageForm key={complaint.version} complaint={complaint} />
          </section>
          {complaint.inspection_id === null && (
            <section className="card" aria-labelledby="complaint-start">
              <h2 id="complaint-start">{t('complaint.startTitle')}</h2>
              {mayStartInspection(complaint) ? (
                <StartInspectionForm complaintId={complaint.id} />
              ) : complaint.agency_id === null ? (
                <p>{t('complaint.startNeedsAgency')}</p>
              ) : (
                <p>{t('errors.complaint_closed')}</p>
              )}
            </section>
          )}
        </div>
      )}
    </Page>
  );
}

export default function ComplaintDetailPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const complaint = useComplaint(id);
  if (!Number.isInteger(id) || isNotFound(complaint.error)) {
    return (
      <Page title={t('complaints.notFound')}>
        <p>
          <Link to="/complaints">{t('complaints.backToList')}</Link>
        </p>
      </Page>
    );
  }
  if (complaint.isPending) return <Loading />;
  if (complaint.isError) return <ErrorAlert error={complaint.error} onRetry={() => void complaint.refetch()} />;
  return <ComplaintDetail complaint={complaint.data} />;
}
