import { useState } from 'react';
import { isNotFound } from '../../api/errors';
import type { Inspection } from '../../api/types';
import { can } from '../../auth/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, useLocation, useParams } from '../../router/router';
import { useMe } from '../auth/api';
import { useNames } from '../reference/api';
import { AddViolationForm } from './AddViolationForm';
import { useInspection } from './api';
import { CheckRecordSection } from './CheckRecordSection';
import { DecisionSection } from './DecisionSection';
import { FilesSection } from './FilesSection';
import { InspectionStatusBadge, ResultBadge } from './InspectionBadges';
import { LifecyclePanel } from './LifecyclePanel';
import { SanctionDecisionSection } from './SanctionDecisionSection';
import { ViolationRow } from './ViolationRow';

function InspectionDetail({ inspection }: { inspection: Inspection }) {
  const { t, tv, formatDate } = useI18n();
  const { data: me } = useMe();
  const names = useNames();
  // "Saved" speaks of the inspection as it was created: once it changes, the words are stale.
  const [createdVersion] = useState(inspection.version);
  const saved = new URLSearchParams(useLocation().search).has('saved') && inspection.version === createdVersion;
  const editable = can(me?.role, 'inspections.write');
  // What an inspector may still write: nothing once closed; findings once started (docs/inspections.md).
  const open = editable && inspection.status !== 'closed';
  // New violations only while the inspection runs: the conclusion settles what was found.
  const recording = open && inspection.status === 'in_progress';
  const day = (value: string | null) => (value ? formatDate(value) : t('common.none'));
  const facts: [string, string][] = [
    [t('inspection.kind'), tv('inspectionKind', inspection.kind)],
    [t('inspection.scope'), inspection.scope_from || inspection.scope_to ? `${day(inspection.scope_from)} – ${day(inspection.scope_to)}` : t('common.none')],
    [t('inspection.lead_inspector'), inspection.lead_inspector ?? t('common.none')],
    [t('inspection.planned_on'), day(inspection.planned_on)],
    [t('inspection.started_on'), day(inspection.started_on)],
    [t('inspection.concluded_on'), day(inspection.concluded_on)],
    [t('inspection.closed_on'), day(inspection.closed_on)],
  ];

  return (
    <Page
      title={t('inspection.title', { decision: inspection.decision_no ?? t('inspections.numbered', { id: inspection.id }) })}
      lead={
        <Link to={`/agencies/${inspection.agency_id}`}>{names.agency(inspection.agency_id)}</Link>
      }
    >
      {saved && (
        <p className="alert alert--success" role="status">
          {t('form.saved')}
        </p>
      )}
      <p className="status-line">
        <InspectionStatusBadge status={inspection.status} /> <ResultBadge result={inspection.result} />
      </p>
      <div className="detail-grid">
        <section className="card" aria-labelledby="inspection-facts">
          <h2 id="inspection-facts">{t('inspection.facts')}</h2>
          <dl className="facts">
            {facts.map(([label, value]) => (
              <div key={label} className="facts__item">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {inspection.summary && (
            <>
              <h3>{t('inspection.summary')}</h3>
              <p className="prewrap">{inspection.summary}</p>
            </>
          )}
        </section>
        {editable && (
          <section className="card" aria-labelledby="inspection-step">
            <h2 id="inspection-step">{t('inspection.nextStep')}</h2>
            <LifecyclePanel key={inspection.version} inspection={inspection} />
          </section>
        )}
      </div>

      <section className="section card" aria-labelledby="inspection-decision">
        <h2 id="inspection-decision">{t('procedure.step1')}</h2>
        <DecisionSection key={inspection.status} inspection={inspection} editable={open} />
      </section>

      <section className="section card" aria-labelledby="inspection-check-record">
        <h2 id="inspection-check-record">{t('procedure.step2')}</h2>
        <CheckRecordSection key={`${inspection.status}-${inspection.check_record?.version ?? 0}`} inspection={inspection} editable={open} />
      </section>

      <section className="section" aria-labelledby="inspection-violations">
        <h2 id="inspection-violations">{t('procedure.step3', { count: inspection.violations.length })}</h2>
        {inspection.violations.length === 0 ? (
          <p>{t('inspection.noViolations')}</p>
        ) : (
          <ul className="violations">
            {inspection.violations.map((violation) => (
              <ViolationRow key={violation.id} inspectionId={inspection.id} violation={violation} editable={open} />
            ))}
          </ul>
        )}
      </section>

      {recording && (
        <section className="section card" aria-labelledby="inspection-add-violation">
          <h2 id="inspection-add-violation">{t('violation.addTitle')}</h2>
          <AddViolationForm inspectionId={inspection.id} />
        </section>
      )}

      <section className="section card" aria-labelledby="inspection-sanction">
        <h2 id="inspection-sanction">{t('procedure.step4')}</h2>
        <SanctionDecisionSection key={`${inspection.status}-${inspection.sanction_decision?.version ?? 0}`} inspection={inspection} editable={open} />
      </section>

      <section className="section card" aria-labelledby="inspection-files">
        <h2 id="inspection-files">{t('procedure.step5')}</h2>
        <FilesSection inspection={inspection} editable={open} />
      </section>
    </Page>
  );
}

export default function InspectionDetailPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const inspection = useInspection(id);
  if (!Number.isInteger(id) || isNotFound(inspection.error)) {
    return (
      <Page title={t('inspections.notFound')}>
        <p>
          <Link to="/inspections">{t('inspections.backToList')}</Link>
        </p>
      </Page>
    );
  }
  if (inspection.isPending) return <Loading />;
  if (inspection.isError) return <ErrorAlert error={inspection.error} onRetry={() => void inspection.refetch()} />;
  return <InspectionDetail inspection={inspection.data} />;
}
