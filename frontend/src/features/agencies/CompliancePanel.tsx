import type { Compliance } from '../../api/types';
import { StatCard } from '../../components/StatCard';
import { useI18n } from '../../i18n/I18nProvider';
import { RiskFactors } from '../inspections/RiskFactors';

/**
 * An enterprise's standing: open and overdue remedies, fines, placement signals, how it filed
 * its periodic reports in the last 12 months, and its risk score.
 */
export function CompliancePanel({ compliance }: { compliance: Compliance }) {
  const { t, formatDate, formatNumber } = useI18n();
  const rate = (value: number | null) =>
    value === null ? t('common.none') : formatNumber(value, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <>
      <div className="stats">
        <StatCard label={t('compliance.riskScore')} value={formatNumber(compliance.risk_score, { maximumFractionDigits: 1 })} testId="compliance-risk" />
        <StatCard
          label={t('compliance.openViolations')}
          value={formatNumber(compliance.open_violations)}
          tone={compliance.open_violations ? 'warning' : 'default'}
        />
        <StatCard
          label={t('compliance.overdueRemedies')}
          value={formatNumber(compliance.overdue_remedies)}
          tone={compliance.overdue_remedies ? 'warning' : 'default'}
        />
        <StatCard label={t('compliance.fines')} value={formatNumber(compliance.fines_vnd, { style: 'currency', currency: 'VND' })} />
        <StatCard
          label={t('compliance.lastInspected')}
          value={compliance.last_inspected_on ? formatDate(compliance.last_inspected_on) : t('compliance.never')}
        />
      </div>
      <dl className="facts facts--inline">
        <div className="facts__item">
          <dt>{t('compliance.placements')}</dt>
          <dd>{formatNumber(compliance.placements)}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('compliance.flagged')}</dt>
          <dd>{formatNumber(compliance.flagged_placements)}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('compliance.earlyReturnRate')}</dt>
          <dd>{rate(compliance.early_return_rate)}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('compliance.overstayRate')}</dt>
          <dd>{rate(compliance.overstay_rate)}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('compliance.lateReportRate')}</dt>
          <dd>{rate(compliance.late_report_rate)}</dd>
        </div>
      </dl>
      <h3>{t('compliance.reporting')}</h3>
      {compliance.reporting ? (
        <dl className="facts facts--inline" data-testid="compliance-reporting">
          <div className="facts__item">
            <dt>{t('compliance.reportsDue')}</dt>
            <dd>{formatNumber(compliance.reporting.due)}</dd>
          </div>
          <div className="facts__item">
            <dt>{t('compliance.reportsOnTime')}</dt>
            <dd>{formatNumber(compliance.reporting.on_time)}</dd>
          </div>
          <div className="facts__item">
            <dt>{t('compliance.reportsLate')}</dt>
            <dd>{formatNumber(compliance.reporting.late)}</dd>
          </div>
          <div className="facts__item">
            <dt>{t('compliance.reportsMissing')}</dt>
            <dd>{formatNumber(compliance.reporting.missing)}</dd>
          </div>
          <div className="facts__item">
            <dt>{t('compliance.reportsOnTimeRate')}</dt>
            <dd data-testid="compliance-on-time-rate">{rate(compliance.reporting.on_time_rate)}</dd>
          </div>
        </dl>
      ) : (
        <p data-testid="compliance-reporting">{t('compliance.noReporting')}</p>
      )}
      <details>
        <summary>{t('priorities.showFactors')}</summary>
        <RiskFactors factors={compliance.risk_factors} caption={t('compliance.factors')} />
      </details>
    </>
  );
}
