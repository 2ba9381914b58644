import type { ReactNode } from 'react';
import { isNotFound } from '../../api/errors';
import type { Placement } from '../../api/types';
import { can } from '../../auth/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, useLocation, useParams } from '../../router/router';
import { useMe } from '../auth/api';
import { useNames } from '../reference/api';
import { usePlacement } from './api';
import { HistoryList } from './HistoryList';
import { PlacementNotFound } from './PlacementNotFound';
import { FlagBadges, StatusBadge } from './StatusBadge';
import { TransitionForm } from './TransitionForm';

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

function PlacementDetail({ placement }: { placement: Placement }) {
  const { t, tv, formatDate, formatNumber, formatDateTime } = useI18n();
  const { data: me } = useMe();
  const names = useNames();
  const { search } = useLocation();
  const saved = new URLSearchParams(search).has('saved');
  const writable = can(me?.role, 'placements.write');
  const vnd = (value: number | null) => (value === null ? null : formatNumber(value, { style: 'currency', currency: 'VND' }));
  const date = (value: string | null) => (value ? formatDate(value) : null);
  const w = placement.worker;

  return (
    <Page
      title={w.full_name}
      lead={t('placements.detailLead', { id: placement.id, ref: placement.external_ref ?? t('common.none') })}
      actions={
        writable && (
          <Link to={`/placements/${placement.id}/edit`} className="button">
            {t('placements.editButton')}
          </Link>
        )
      }
    >
      {saved && (
        <p className="alert alert--success" role="status">
          {t('form.saved')}
        </p>
      )}
      <p className="status-line">
        <StatusBadge status={placement.status} /> <FlagBadges flags={placement.flags} />
      </p>
      {placement.flags.length > 0 && (
        <ul className="flag-notes">
          {placement.flags.map((flag) => (
            <li key={flag}>{t(`flagHelp.${flag}`)}</li>
          ))}
        </ul>
      )}

      <div className="detail-grid">
        <section className="card" aria-labelledby="placement-worker">
          <h2 id="placement-worker">{t('placement.section.worker')}</h2>
          <Facts
            items={[
              [t('placement.worker.national_id'), <span className="code">{w.national_id}</span>],
              ...(w.previous_national_id
                ? [[t('placement.worker.previous_national_id'), <span className="code">{w.previous_national_id}</span>] as [string, ReactNode]]
                : []),
              [t('placement.worker.date_of_birth'), date(w.date_of_birth)],
              [t('placement.worker.sex'), tv('sex', w.sex)],
              [t('placement.worker.home_area_code'), homeText(w.home_area, t('placement.worker.homeToday'))],
              [t('placement.worker.phone'), w.phone],
              // Left out by the API for the roles that see masked personal data.
              ...(w.policy_groups
                ? [[t('placement.worker.policy_groups'), w.policy_groups.map((g) => tv('policyGroup', g)).join(', ')] as [string, ReactNode]]
                : []),
            ]}
          />
        </section>
        <section className="card" aria-labelledby="placement-contract">
          <h2 id="placement-contract">{t('placement.section.contract')}</h2>
          <Facts
            items={[
              [t('placement.agency_id'), names.agency(placement.agency_id)],
              [t('placement.channel'), tv('channel', placement.channel)],
              [t('placement.market_code'), names.market(placement.market_code)],
              [t('placement.programme'), placement.programme ? tv('programme', placement.programme) : null],
              [t('placement.occupation'), placement.occupation],
              [t('placement.employer_name'), placement.employer_name],
              [t('placement.contract_months'), formatNumber(placement.contract_months)],
              [
                t('placement.monthly_salary'),
                `${formatNumber(Number(placement.monthly_salary))} ${placement.salary_currency}`,
              ],
            ]}
          />
        </section>
        <section className="card" aria-labelledby="placement-money">
          <h2 id="placement-money">{t('placement.section.money')}</h2>
          <Facts
            items={[
              [t('placement.service_fee_vnd'), vnd(placement.service_fee_vnd)],
              [t('placement.deposit_vnd'), vnd(placement.deposit_vnd)],
              [t('placement.loan_vnd'), vnd(placement.loan_vnd)],
            ]}
          />
        </section>
        <section className="card" aria-labelledby="placement-dates">
          <h2 id="placement-dates">{t('placement.section.status')}</h2>
          <Facts
            items={[
              [t('placement.registered_on'), date(placement.registered_on)],
              [t('placement.departure_date'), date(placement.departure_date)],
              [t('placement.return_date'), date(placement.return_date)],
              [t('placement.notes'), placement.notes],
              [t('placements.updatedAt'), formatDateTime(placement.updated_at)],
            ]}
          />
        </section>
      </div>

      {writable && (
        <section className="section card" aria-labelledby="placement-transition">
          <h2 id="placement-transition">{t('transition.title')}</h2>
          <TransitionForm placement={placement} />
        </section>
      )}

      <section className="section" aria-labelledby="placement-history">
        <h2 id="placement-history">{t('history.title')}</h2>
        <HistoryList placementId={placement.id} />
      </section>
    </Page>
  );
}

export default function PlacementDetailPage() {
  const id = Number(useParams().id);
  const placement = usePlacement(id);
  if (!Number.isInteger(id) || isNotFound(placement.error)) return <PlacementNotFound />;
  if (placement.isPending) return <Loading />;
  if (placement.isError) return <ErrorAlert error={placement.error} onRetry={() => void placement.refetch()} />;
  return <PlacementDetail placement={placement.data} />;
}

/** The unit the home code named on the registration day, and today's unit(s) holding it when
 * they differ (docs/places.md). */
function homeText(home: { code: string; name: string; today: { code: string; name: string }[] }, todayLabel: string): string {
  const own = `${home.name} (${home.code})`;
  const today = home.today.filter((u) => u.code !== home.code || u.name !== home.name);
  return today.length ? `${own} — ${todayLabel}: ${today.map((u) => `${u.name} (${u.code})`).join(', ')}` : own;
}
