import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { DUTY_STATUSES, REPORT_KINDS, type DutyStatus, type Obligation } from '../../api/types';
import { can } from '../../auth/roles';
import { Dialog } from '../../components/Dialog';
import { SelectField } from '../../components/form/Field';
import type { FormKit, FormValues } from '../../components/form/kit';
import { ListView } from '../../components/ListView';
import { Page } from '../../components/Page';
import { StatCard } from '../../components/StatCard';
import { today } from '../../forms/today';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, navigate, toSearch, useLocation } from '../../router/router';
import { useAgency } from '../agencies/api';
import { useMe } from '../auth/api';
import { useDutyCounts, useObligations, type ObligationFilters } from './api';
import { parseTracking, periodText, trackingSearch, yearsBack, type TrackingFilters } from './duties';
import { DutyTable } from './DutyTable';
import { ReportForm } from './ReportForm';

const PATH = '/report-tracking';
// The counts in the order an officer acts on them: the overdue first, then the late.
const COUNT_ORDER: DutyStatus[] = ['missing', 'late', 'submitted', 'upcoming'];

/** One list of duties: a status (or all), with its own heading, cursor and "load more". */
function DutyList({
  filters,
  title,
  action,
}: {
  filters: ObligationFilters;
  title: string;
  action?: (duty: Obligation) => ReactNode;
}) {
  const { t } = useI18n();
  const query = useObligations(filters);
  const headingId = `tracking-${filters.status ?? 'all'}`;
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <ListView query={query} empty={t('tracking.empty')}>
        {(duties) => (
          <DutyTable
            duties={duties}
            caption={t('tracking.caption', { status: title, year: String(filters.year) })}
            showAgency
            action={action}
            testId={`duties-${filters.status ?? 'all'}`}
          />
        )}
      </ListView>
    </section>
  );
}

/** Officers and inspectors: which enterprises filed their periodic reports, late or not at all. */
export default function TrackingPage() {
  const i18n = useI18n();
  const { t, tv, formatNumber, formatDate } = i18n;
  const { search } = useLocation();
  const { data: me } = useMe();
  const thisYear = Number(today().slice(0, 4));
  const filters = useMemo(() => parseTracking(search, thisYear), [search, thisYear]);
  const base: ObligationFilters = { year: filters.year, kind: filters.kind, agency_id: filters.agency_id };
  const counts = useDutyCounts(base);
  const agency = useAgency(filters.agency_id ?? Number.NaN);
  const [values, setValues] = useState<FormValues>({
    year: String(filters.year),
    status: filters.status === 'attention' ? '' : filters.status,
    kind: filters.kind ?? '',
  });
  // The stat cards' links change the filters without a new page: the inputs follow.
  useEffect(() => {
    setValues({ year: String(filters.year), status: filters.status === 'attention' ? '' : filters.status, kind: filters.kind ?? '' });
  }, [filters]);
  const kit: FormKit = { id: 'tracking-filters', values, set: (n, v) => setValues((s) => ({ ...s, [n]: v })), errors: {} };
  const [recording, setRecording] = useState<Obligation | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const href = (changes: Partial<TrackingFilters>) => `${PATH}${toSearch(trackingSearch({ ...filters, ...changes }, thisYear))}`;
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const status = values.status === 'all' ? 'all' : (DUTY_STATUSES.find((s) => s === values.status) ?? 'attention');
    const kind = REPORT_KINDS.find((k) => k === values.kind);
    navigate(href({ year: Number(values.year), status, kind }));
  };

  const words = (duty: Obligation) => ({ agency: duty.agency_name, kind: tv('reportKind', duty.kind), period: periodText(i18n, duty) });
  const record = can(me?.role, 'reports.record')
    ? (duty: Obligation) => {
        const amend = duty.report_id !== null;
        return (
          <button
            type="button"
            className="button button--small button--secondary"
            aria-label={t(amend ? 'reports.recordAmendNamed' : 'reports.recordNamed', words(duty))}
            disabled={duty.period_to > today()}
            onClick={() => {
              setDone(null);
              setRecording(duty);
            }}
          >
            {amend ? t('reports.recordAmend') : t('reports.record')}
          </button>
        );
      }
    : undefined;

  const lists: { status?: DutyStatus; title: string }[] =
    filters.status === 'attention'
      ? [
          { status: 'missing', title: tv('dutyStatus', 'missing') },
          { status: 'late', title: tv('dutyStatus', 'late') },
        ]
      : filters.status === 'all'
        ? [{ title: t('tracking.all') }]
        : [{ status: filters.status, title: tv('dutyStatus', filters.status) }];

  return (
    <Page title={t('tracking.title')} lead={t('tracking.intro')}>
      <form className="filters card" role="search" aria-label={t('filters.label')} onSubmit={apply}>
        <SelectField
          kit={kit}
          name="year"
          label={t('tracking.year')}
          options={yearsBack(thisYear).map((y) => ({ value: String(y), label: String(y) }))}
        />
        <SelectField
          kit={kit}
          name="status"
          label={t('tracking.status')}
          options={[
            { value: '', label: t('tracking.attention') },
            { value: 'all', label: t('filters.all') },
            ...DUTY_STATUSES.map((s) => ({ value: s, label: tv('dutyStatus', s) })),
          ]}
        />
        <SelectField
          kit={kit}
          name="kind"
          label={t('tracking.kind')}
          placeholder={t('filters.any')}
          options={REPORT_KINDS.map((k) => ({ value: k, label: tv('reportKind', k) }))}
        />
        <div className="filters__actions">
          <button type="submit" className="button">
            {t('filters.apply')}
          </button>
        </div>
      </form>

      {filters.agency_id !== undefined && (
        <p className="alert alert--info">
          {t('tracking.oneAgency', { name: agency.data?.name ?? `#${filters.agency_id}` })}{' '}
          <Link to={href({ agency_id: undefined })}>{t('tracking.allAgencies')}</Link>
        </p>
      )}

      <section className="section" aria-labelledby="tracking-counts">
        <h2 id="tracking-counts">{t('tracking.counts', { year: String(filters.year) })}</h2>
        <div className="stats" data-testid="tracking-counts">
          {COUNT_ORDER.map((status) => {
            const count = counts.data?.[status];
            return (
              <StatCard
                key={status}
                label={tv('dutyStatus', status)}
                value={count === undefined ? '…' : formatNumber(count)}
                testId={`count-${status}`}
                tone={(status === 'missing' || status === 'late') && count ? 'warning' : 'default'}
                detail={<Link to={href({ status })}>{t('tracking.showList')}</Link>}
              />
            );
          })}
        </div>
      </section>

      <div aria-live="polite">
        {done && (
          <p className="alert alert--success" role="status">
            {done}
          </p>
        )}
      </div>

      {lists.map((list) => (
        <DutyList key={list.status ?? 'all'} filters={{ ...base, status: list.status }} title={list.title} action={record} />
      ))}

      <Dialog
        open={recording !== null}
        title={recording ? t('reports.recordTitle', words(recording)) : t('reports.record')}
        onClose={() => setRecording(null)}
      >
        {recording && (
          <>
            <p>{t('reports.formDue', { due: formatDate(recording.due_on) })}</p>
            {recording.report_id !== null && <p className="field__hint">{t('reports.amendLead')}</p>}
            <ReportForm
              agencyId={recording.agency_id}
              duty={recording}
              paper
              onSaved={(filed) => {
                setRecording(null);
                setDone(
                  t('reports.recorded', {
                    ...words({ ...recording, ...filed.obligation }),
                    status: tv('dutyStatus', filed.obligation.status),
                  }),
                );
              }}
            />
          </>
        )}
      </Dialog>
    </Page>
  );
}
