import { FLAGS } from '../../api/types';
import { can } from '../../auth/roles';
import type { Role } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, toSearch } from '../../router/router';
import { useFlagCounts, useOverdueCount, useUnallocatedCount } from './api';

/** Things that need someone's attention: flagged placements and overdue remedies. */
export function Alerts({ role }: { role: Role }) {
  const { t, tv, formatNumber } = useI18n();
  const showFlags = can(role, 'placements.read');
  const flagCounts = useFlagCounts(showFlags);
  const overdue = useOverdueCount();
  const unallocated = useUnallocatedCount(showFlags);

  return (
    <section className="section" aria-labelledby="dashboard-alerts">
      <h2 id="dashboard-alerts">{t('dashboard.alerts')}</h2>
      <ul className="alert-list">
        {showFlags &&
          FLAGS.map((flag, i) => {
            const count = flagCounts[i];
            return (
              <li key={flag} className={`alert-item${count.data ? ' alert-item--warning' : ''}`}>
                <span className="alert-item__count" data-testid={`alert-flag-${flag}`}>
                  {count.data === undefined ? '…' : formatNumber(count.data)}
                </span>
                <span className="alert-item__text">
                  <span className="alert-item__caption">{t('dashboard.flagged')}</span>
                  <Link to={`/placements${toSearch({ flag })}`}>{tv('flag', flag)}</Link>
                </span>
              </li>
            );
          })}
        {showFlags && (
          // Records still coded at a former district or the bare province (docs/places.md).
          <li className={`alert-item${unallocated.data ? ' alert-item--warning' : ''}`}>
            <span className="alert-item__count" data-testid="alert-unallocated">
              {unallocated.data === undefined ? '…' : formatNumber(unallocated.data)}
            </span>
            <span className="alert-item__text">
              <span className="alert-item__caption">{t('unallocated.caption')}</span>
              <Link to={`/placements${toSearch({ unallocated: true })}`}>{t('unallocated.link')}</Link>
            </span>
          </li>
        )}
        <li className={`alert-item${overdue.data ? ' alert-item--warning' : ''}`}>
          <span className="alert-item__count" data-testid="alert-overdue">
            {overdue.data === undefined ? '…' : formatNumber(overdue.data)}
          </span>
          <span className="alert-item__text">
            <span className="alert-item__caption">{t('dashboard.inspections')}</span>
            <Link to={`/inspections${toSearch({ overdue: true })}`}>{t('dashboard.overdue')}</Link>
          </span>
        </li>
      </ul>
    </section>
  );
}
