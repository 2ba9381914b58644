import type { Progress } from '../../api/types';
import { StatCard } from '../../components/StatCard';
import { useI18n } from '../../i18n/I18nProvider';
import { formatCount, formatPercent } from './format';

/** The headline figures: departures against the target, the projection and the pace needed. */
export function ProgressSummary({ progress }: { progress: Progress }) {
  const i18n = useI18n();
  const { t } = i18n;
  const share = progress.percent === null ? null : Math.min(100, Number(progress.percent));
  return (
    <>
      <div className="stats">
        <StatCard
          label={t('dashboard.actual')}
          value={formatCount(i18n, progress.actual)}
          testId="progress-actual"
          detail={t('dashboard.actualDetail', { from: String(progress.year_from), to: String(progress.year_to) })}
        />
        <StatCard label={t('dashboard.target')} value={formatCount(i18n, progress.target)} testId="progress-target" />
        <StatCard label={t('dashboard.percent')} value={formatPercent(i18n, progress.percent)} testId="progress-percent" />
        <StatCard
          label={t('dashboard.expected')}
          value={formatCount(i18n, progress.projection.expected_at_end)}
          testId="progress-expected"
          detail={t('dashboard.expectedDetail', { year: String(progress.year_to) })}
        />
        <StatCard
          label={t('dashboard.required')}
          value={formatCount(i18n, progress.projection.required_per_year)}
          testId="progress-required"
          detail={t('dashboard.requiredDetail')}
        />
      </div>
      {share !== null && (
        <div
          className="progress-bar"
          role="progressbar"
          aria-label={t('dashboard.percent')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={share}
          aria-valuetext={formatPercent(i18n, progress.percent)}
        >
          <span style={{ width: `${share}%` }} />
        </div>
      )}
    </>
  );
}
