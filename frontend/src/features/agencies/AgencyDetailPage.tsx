import { isNotFound } from '../../api/errors';
import type { Agency } from '../../api/types';
import { can } from '../../auth/roles';
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
import { useAgency } from './api';
import { CompliancePanel } from './CompliancePanel';

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
