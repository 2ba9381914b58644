import { useId, useState } from 'react';
import { can } from '../../auth/roles';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListView } from '../../components/ListView';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { useMe } from '../auth/api';
import { useNames } from '../reference/api';
import { useChangeNotice, useNotices, type Notice, type NoticeFilters, type NoticeStatus } from './api';
import { EditNoticeForm, NewNoticeForm } from './NoticeForm';
import { areaName, NOTICE_STATUSES, noticeActions } from './rules';

export function NoticeStatusBadge({ status }: { status: NoticeStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge--notice-${status}`}>{t(`noticeStatus.${status}`)}</span>;
}

type Decision = { notice: Notice; action: 'acknowledge' | 'reject' | 'withdraw' };

/** Confirms an answer or a withdrawal; a rejection asks for its reason (docs/notices.md). */
function DecisionDialog({ decision, onClose, onDone }: { decision: Decision | null; onClose: () => void; onDone: (text: string) => void }) {
  const { t } = useI18n();
  const change = useChangeNotice();
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const action = decision?.action;
  const title = action ? t(`notice.${action}Title`) : '';
  const send = () => {
    if (!decision) return;
    const body =
      decision.action === 'acknowledge'
        ? { status: 'acknowledged' as const }
        : decision.action === 'reject'
          ? { status: 'rejected' as const, rejection_reason: reason }
          : { status: 'withdrawn' as const };
    change.mutate(
      { notice: decision.notice, body },
      {
        onSuccess: (saved) => {
          setReason('');
          onDone(t(`notice.${decision.action}Done`, { id: String(saved.id) }));
        },
      },
    );
  };
  return (
    <Dialog
      open={decision !== null}
      title={title}
      onClose={() => {
        change.reset();
        onClose();
      }}
    >
      {decision && (
        <>
          <p>
            {t('notice.confirmWhich', {
              id: String(decision.notice.id),
              occupation: decision.notice.occupation,
              quota: String(decision.notice.quota),
            })}
          </p>
          <p>{t(`notice.${decision.action}Text`)}</p>
          {decision.action === 'reject' && (
            <div className="field">
              <label htmlFor={reasonId}>
                {t('notice.rejection_reason')}
                <span className="field__required"> ({t('form.required')})</span>
              </label>
              <textarea id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} aria-required />
            </div>
          )}
          {change.isError && <ErrorAlert error={change.error} />}
          <div className="form-actions">
            <button type="button" className="button" disabled={change.isPending} onClick={send}>
              {change.isPending ? t('form.saving') : t(`notice.${decision.action}Button`)}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}

/**
 * Recruitment notices (docs/notices.md): an enterprise files its own, changes it while the
 * department has not answered and withdraws it; officers acknowledge or reject; other staff read.
 */
export default function NoticesPage() {
  const { t, formatDate, formatNumber } = useI18n();
  const { data: me } = useMe();
  const names = useNames();
  const agency = me?.role === 'agency';
  const staff = !agency;
  const [filters, setFilters] = useState<NoticeFilters>({});
  const notices = useNotices(filters);
  const [editing, setEditing] = useState<Notice | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const ids = { status: useId(), agency: useId(), market: useId() };
  const area = (code: string) => areaName(names.areas, code, t('notice.wholeCity'));

  const columns: (Column<Notice> | false)[] = [
    { label: t('notice.number'), cell: (n) => <span className="code">{n.id}</span> },
    staff && { label: t('notice.agency'), cell: (n) => names.agency(n.agency_id) },
    { label: t('notice.occupation'), rowHeader: true, cell: (n) => n.occupation },
    { label: t('notice.market_code'), cell: (n) => names.market(n.market_code) },
    { label: t('notice.quota'), cell: (n) => formatNumber(n.quota) },
    { label: t('notice.period'), cell: (n) => `${formatDate(n.period_from)} – ${formatDate(n.period_to)}` },
    { label: t('notice.area_codes'), cell: (n) => n.area_codes.map(area).join(', ') },
    {
      label: t('notice.status'),
      cell: (n) => (
        <>
          <NoticeStatusBadge status={n.status} />
          {n.rejection_reason && <p className="rule-key__detail">{t('notice.reasonShown', { reason: n.rejection_reason })}</p>}
        </>
      ),
    },
    {
      label: t('common.actions'),
      cell: (n) => {
        const may = noticeActions(me?.role, n.status);
        const named = { id: String(n.id) };
        return (
          <div className="row-actions">
            {may.acknowledge && (
              <button type="button" className="button button--small" onClick={() => setDecision({ notice: n, action: 'acknowledge' })} aria-label={t('notice.acknowledgeNamed', named)}>
                {t('notice.acknowledgeButton')}
              </button>
            )}
            {may.reject && (
              <button type="button" className="button button--small button--secondary" onClick={() => setDecision({ notice: n, action: 'reject' })} aria-label={t('notice.rejectNamed', named)}>
                {t('notice.rejectButton')}
              </button>
            )}
            {may.edit && (
              <button type="button" className="button button--small button--secondary" onClick={() => setEditing(n)} aria-label={t('notice.editNamed', named)}>
                {t('notice.edit')}
              </button>
            )}
            {may.withdraw && (
              <button type="button" className="button button--small button--secondary" onClick={() => setDecision({ notice: n, action: 'withdraw' })} aria-label={t('notice.withdrawNamed', named)}>
                {t('notice.withdrawButton')}
              </button>
            )}
          </div>
        );
      },
    },
  ];

  return (
    <Page title={t('notices.title')} lead={t(agency ? 'notices.introAgency' : 'notices.intro')}>
      <div aria-live="polite">
        {done && (
          <p className="alert alert--success" role="status">
            {done}
          </p>
        )}
      </div>
      {can(me?.role, 'notices.file') && (
        <section className="section section--first" aria-labelledby="notices-new">
          <h2 id="notices-new">{t('notices.new')}</h2>
          <NewNoticeForm />
        </section>
      )}
      <section className="section" aria-labelledby="notices-list">
        <h2 id="notices-list">{t(agency ? 'notices.mine' : 'notices.all')}</h2>
        <div className="filters">
          <div className="field">
            <label htmlFor={ids.status}>{t('notice.status')}</label>
            <select id={ids.status} value={filters.status ?? ''} onChange={(e) => setFilters({ ...filters, status: (e.target.value || undefined) as NoticeStatus | undefined })}>
              <option value="">{t('filters.all')}</option>
              {NOTICE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`noticeStatus.${s}`)}
                </option>
              ))}
            </select>
          </div>
          {staff && (
            <div className="field">
              <label htmlFor={ids.agency}>{t('notice.agency')}</label>
              <select id={ids.agency} value={filters.agency_id ?? ''} onChange={(e) => setFilters({ ...filters, agency_id: e.target.value ? Number(e.target.value) : undefined })}>
                <option value="">{t('filters.all')}</option>
                {names.agencies.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={ids.market}>{t('notice.market_code')}</label>
            <select id={ids.market} value={filters.market_code ?? ''} onChange={(e) => setFilters({ ...filters, market_code: e.target.value || undefined })}>
              <option value="">{t('filters.all')}</option>
              {names.markets.map((m) => (
                <option key={m.code} value={m.code}>
                  {names.market(m.code)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <ListView query={notices} empty={t('notices.empty')}>
          {(rows) => (
            <DataTable
              caption={t('notices.title')}
              rows={rows}
              rowKey={(n) => n.id}
              rowData={(n) => ({ 'data-notice': String(n.id) })}
              columns={columns}
            />
          )}
        </ListView>
      </section>
      <Dialog open={editing !== null} title={editing ? t('notice.editTitle', { id: String(editing.id) }) : ''} onClose={() => setEditing(null)}>
        {editing && (
          <EditNoticeForm
            notice={editing}
            onSaved={(saved) => {
              setEditing(null);
              setDone(t('notice.savedDone', { id: String(saved.id) }));
            }}
          />
        )}
      </Dialog>
      <DecisionDialog
        decision={decision}
        onClose={() => setDecision(null)}
        onDone={(text) => {
          setDecision(null);
          setDone(text);
        }}
      />
    </Page>
  );
}
