import { ListView } from '../../components/ListView';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, toSearch } from '../../router/router';
import { usePriorities } from './api';
import { RiskFactors } from './RiskFactors';

/** Active enterprises ranked by risk, to choose whom to inspect next. */
export default function PrioritiesPage() {
  const { t, tv, formatDate, formatNumber } = useI18n();
  const priorities = usePriorities();

  return (
    <Page title={t('priorities.title')} lead={t('priorities.intro')}>
      <ListView query={priorities} empty={t('common.empty')} plainEmpty>
        {(ranking) => (
          <ol className="priorities">
            {ranking.map((p, i) => (
              <li key={p.agency_id} className="card priority">
                <div className="priority__head">
                  <span className="priority__rank" aria-hidden="true">
                    {i + 1}
                  </span>
                  <h2>
                    <Link to={`/agencies/${p.agency_id}`}>{p.name}</Link>
                  </h2>
                  <p className="priority__score">
                    {t('priorities.score')}: <strong>{formatNumber(p.risk_score, { maximumFractionDigits: 1 })}</strong>{' '}
                    {t('priorities.maxScore', { max: p.max_score })}
                  </p>
                </div>
                <p className="priority__facts">
                  {t('priorities.facts', {
                    open: p.open_violations,
                    overdue: p.overdue_remedies,
                    flagged: p.flagged_placements,
                    placements: p.placements,
                  })}{' '}
                  {p.last_inspected_on
                    ? t('priorities.lastInspected', { date: formatDate(p.last_inspected_on) })
                    : t('priorities.neverInspected')}
                </p>
                <details>
                  <summary>{t('priorities.showFactors')}</summary>
                  <RiskFactors factors={p.risk_factors} caption={t('priorities.factorsOf', { name: p.name })} />
                </details>
                {p.planned_inspection && (
                  <p>
                    <Link to={`/inspections/${p.planned_inspection.id}`} className="badge">
                      {t('priorities.planned', {
                        status: tv('inspectionStatus', p.planned_inspection.status).toLowerCase(),
                        id: String(p.planned_inspection.id),
                      })}
                    </Link>
                  </p>
                )}
                {p.scheduled_this_year ? (
                  <p className="field__hint">{t('priorities.scheduledThisYear')}</p>
                ) : (
                  <p>
                    <Link to={`/inspections/new${toSearch({ agency_id: p.agency_id })}`} className="button button--secondary">
                      {t('priorities.plan')}
                    </Link>
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
      </ListView>
    </Page>
  );
}
