import { useId, useState } from 'react';
import type { Obligation } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { ListView } from '../../components/ListView';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { today } from '../../forms/today';
import { useI18n } from '../../i18n/I18nProvider';
import { useMe } from '../auth/api';
import { useFilings, useObligations } from './api';
import { dutyAction, periodText, yearsBack } from './duties';
import { DutyTable } from './DutyTable';
import { FilingsTable } from './FilingsTable';
import { ReportForm } from './ReportForm';

/** An enterprise's periodic reports: what it owes in a year, filing each, and what it filed. */
export default function ReportsPage() {
  const i18n = useI18n();
  const { t, tv, formatDate } = i18n;
  const { data: me } = useMe();
  const agencyId = me?.agency_id ?? null;
  const day = today();
  const thisYear = Number(day.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const yearId = useId();
  const duties = useObligations({ year, agency_id: agencyId ?? undefined }, { enabled: agencyId !== null });
  const filings = useFilings(agencyId);
  const [filing, setFiling] = useState<Obligation | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (!me) return <Loading />;

  const words = (duty: Obligation) => ({ kind: tv('reportKind', duty.kind), period: periodText(i18n, duty) });
  const action = (duty: Obligation) => {
    const what = dutyAction(duty, day);
    if (what === 'wait') return <span className="duty-wait">{t('reports.notEnded')}</span>;
    const amend = what === 'amend';
    return (
      <button
        type="button"
        className={`button button--small${amend ? ' button--secondary' : ''}`}
        aria-label={t(amend ? 'reports.amendNamed' : 'reports.fileNamed', words(duty))}
        onClick={() => {
          setDone(null);
          setFiling(duty);
        }}
      >
        {amend ? t('reports.amend') : t('reports.file')}
      </button>
    );
  };

  return (
    <Page title={t('reports.title')} lead={t('reports.intro')}>
      <div className="filters">
        <div className="field">
          <label htmlFor={yearId}>{t('reports.year')}</label>
          <select id={yearId} value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {yearsBack(thisYear).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div aria-live="polite">
        {done && (
          <p className="alert alert--success" role="status">
            {done}
          </p>
        )}
      </div>

      <section className="section" aria-labelledby="reports-duties">
        <h2 id="reports-duties">{t('reports.duties', { year: String(year) })}</h2>
        <ListView query={duties} empty={t('reports.dutiesEmpty')}>
          {(items) => (
            <DutyTable duties={items} caption={t('reports.duties', { year: String(year) })} action={action} testId="report-duties" />
          )}
        </ListView>
      </section>

      {agencyId !== null && (
        <section className="section" aria-labelledby="reports-filings">
          <h2 id="reports-filings">{t('reports.filings')}</h2>
          <ListView query={filings} empty={t('reports.filingsEmpty')}>
            {(items) => <FilingsTable agencyId={agencyId} filings={items} />}
          </ListView>
        </section>
      )}

      <Dialog
        open={filing !== null}
        title={
          filing
            ? t(filing.report_id !== null ? 'reports.amendTitle' : 'reports.formTitle', words(filing))
            : t('reports.file')
        }
        onClose={() => setFiling(null)}
      >
        {filing && agencyId !== null && (
          <>
            <p>{t('reports.formDue', { due: formatDate(filing.due_on) })}</p>
            {filing.report_id !== null && <p className="field__hint">{t('reports.amendLead')}</p>}
            <ReportForm
              agencyId={agencyId}
              duty={filing}
              paper={false}
              onSaved={(filed) => {
                setFiling(null);
                setDone(
                  t('reports.filed', { ...words(filed.obligation), status: tv('dutyStatus', filed.obligation.status) }),
                );
              }}
            />
          </>
        )}
      </Dialog>
    </Page>
  );
}
