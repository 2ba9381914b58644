import { useState } from 'react';
import { isNotFound } from '../../api/errors';
import type { Agency } from '../../api/types';
import { can } from '../../auth/roles';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListView } from '../../components/ListView';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, toSearch, useParams } from '../../router/router';
import { useMe } from '../auth/api';
import { useCompliance, useInspections } from '../inspections/api';
import { InspectionTable } from '../inspections/InspectionTable';
import { AgencyStatusBadge } from './AgencyStatusBadge';
import { useAgency, useSetReportsElsewhere } from './api';
import { CompliancePanel } from './CompliancePanel';

/**
 * Where the enterprise sends its periodic reports: to this department, or where its head office
 * is (`reports_elsewhere`; docs/huong-dan-su-dung.md, "Báo cáo định kỳ"). Officers and
 * administrators change it after confirming; officers and inspectors open its reports.
 */
function ReportsTo({ agency }: { agency: Agency }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const change = useSetReportsElsewhere(agency);
  const [asking, setAsking] = useState(false);
  const next = !agency.reports_elsewhere;
  return (
    <div className="reports-to" data-testid="reports-to">
      <p>
        <strong>{t('agencies.reportsTo')}:</strong>{' '}
        {agency.reports_elsewhere ? t('agencies.reportsElsewhere') : t('agencies.reportsHere')}
      </p>
      <div className="button-row">
        {can(me?.role, 'agencies.write') && (
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => {
              change.reset();
              setAsking(true);
            }}
          >
            {next ? t('agencies.markElsewhere') : t('agencies.markHere')}
          </button>
        )}
        {can(me?.role, 'reports.track') && (
          <Link to={`/report-tracking${toSearch({ agency_id: agency.id, status: 'all' })}`}>{t('agencies.reportsLink')}</Link>
        )}
      </div>
      <div aria-live="polite">
        {change.isSuccess && !asking && (
          <p className="alert alert--success" role="status">
            {t('agencies.reportsToSaved')}
          </p>
        )}
      </div>
      <Dialog open={asking} title={t('agencies.elsewhereTitle')} onClose={() => setAsking(false)}>
        <p>{t(next ? 'agencies.elsewhereConfirm' : 'agencies.hereConfirm', { name: agency.name })}</p>
        {change.isError && <ErrorAlert error={change.error} />}
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={change.isPending}
            onClick={() => change.mutate(next, { onSuccess: () => setAsking(false) })}
          >
            {change.isPending ? t('form.saving') : t('agencies.confirmYes')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}

function AgencyDetail({ agency }: { agency: Agency }) {
  const { t, formatDate } = useI18n();
  const { data: me } = useMe();
  const compliance = useCompliance(agency.id);
  const inspections = useInspections({ agency_id: agency.id });
  const facts: [string, string][] = [
    [t('agencies.licenceNo'), agency.licence_no],
    [t('agencies.issuedOn'), agency.licence_issued_on ? formatDate(agency.licence_issued_on) : t('common.none')],
    [t('agencies.taxCode'), agency.tax_code],
    [t('agencies.address'), agency.address ?? t('common.none')],
    [t('agencies.phone'), agency.phone ?? t('common.none')],
    [t('agencies.email'), agency.email ?? t('common.none')],
  ];

  return (
    <Page
      title={agency.name}
      lead={<AgencyStatusBadge status={agency.status} />}
      actions={
        can(me?.role, 'inspections.write') && (
          <Link to={`/inspections/new${toSearch({ agency_id: agency.id })}`} className="button button--secondary">
            {t('priorities.plan')}
          </Link>
        )
      }
    >
      <section className="card" aria-labelledby="agency-licence">
        <h2 id="agency-licence">{t('agencies.licence')}</h2>
        <dl className="facts facts--inline">
          {facts.map(([label, value]) => (
            <div key={label} className="facts__item">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <ReportsTo agency={agency} />
      </section>

      <section className="section" aria-labelledby="agency-compliance">
        <h2 id="agency-compliance">{t('compliance.title')}</h2>
        {compliance.isPending && <Loading />}
        {compliance.isError && <ErrorAlert error={compliance.error} onRetry={() => void compliance.refetch()} />}
        {compliance.data && <CompliancePanel compliance={compliance.data} />}
      </section>

      <section className="section" aria-labelledby="agency-inspections">
        <h2 id="agency-inspections">{t('agencies.inspections')}</h2>
        <ListView query={inspections} empty={t('inspections.empty')} plainEmpty loadMore={false} retry={false}>
          {(items) => <InspectionTable inspections={items} />}
        </ListView>
      </section>
    </Page>
  );
}

export default function AgencyDetailPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const { data: me } = useMe();
  // An enterprise user may open only its own enterprise; any other id is "not found".
  const foreign = me?.role === 'agency' && me.agency_id !== id;
  const agency = useAgency(foreign ? Number.NaN : id);
  if (!Number.isInteger(id) || foreign || isNotFound(agency.error)) {
    return (
      <Page title={t('agencies.notFound')}>
        <p>
          <Link to="/">{t('notFound.back')}</Link>
        </p>
      </Page>
    );
  }
  if (agency.isPending) return <Loading />;
  if (agency.isError) return <ErrorAlert error={agency.error} onRetry={() => void agency.refetch()} />;
  return <AgencyDetail agency={agency.data} />;
}
