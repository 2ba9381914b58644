import { useId, useState } from 'react';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListView } from '../../components/ListView';
import { useI18n } from '../../i18n/I18nProvider';
import { APPLIES_TO, useConfirmViolationType, useViolationTypes, type ViolationType } from './api';
import { useRuleWords } from './labels';

/** Where the decree sets the act: "Điều 49 khoản 1 điểm a" (Decree 283/2026, Art. 49-53). */
export function useCitation() {
  const { t } = useI18n();
  return (act: Pick<ViolationType, 'article' | 'clause' | 'point'>) =>
    act.point
      ? t('rules.citationPoint', { article: act.article, clause: act.clause, point: act.point })
      : t('rules.citation', { article: act.article, clause: act.clause });
}

/** The fine range in đồng and whom the printed amounts are for (Art. 7(1)). */
function FineText({ act }: { act: ViolationType }) {
  const { t } = useI18n();
  const words = useRuleWords();
  const range =
    act.fine_min_vnd === null
      ? t('rules.fineUpTo', { max: words.vnd(act.fine_max_vnd) })
      : t('rules.fineRange', { min: words.vnd(act.fine_min_vnd), max: words.vnd(act.fine_max_vnd) });
  const basis = act.fine_basis === 'individual' ? t('rules.basis.individual') : t('rules.basis.organisation');
  return (
    <>
      {range} ({basis})
      {act.per_worker_max_vnd !== null && (
        <>
          <br />
          <span className="rule-key__detail">{t('rules.perWorker', { amount: words.vnd(act.per_worker_max_vnd) })}</span>
        </>
      )}
    </>
  );
}

/** Decree 283/2026's acts in force on `on`, each marked "to be confirmed" until an administrator has checked it. */
export function ViolationTypesSection({ on, admin }: { on: string; admin: boolean }) {
  const { t, lang } = useI18n();
  const words = useRuleWords();
  const citation = useCitation();
  const [appliesTo, setAppliesTo] = useState('');
  const appliesToId = useId();
  const query = useViolationTypes(on, appliesTo);
  const confirm = useConfirmViolationType();
  const [confirming, setConfirming] = useState<ViolationType | null>(null);
  const [confirmed, setConfirmed] = useState<ViolationType | null>(null);

  const columns: (Column<ViolationType> | false)[] = [
    { label: t('rules.citationLabel'), rowHeader: true, cell: (act) => citation(act) },
    {
      label: t('rules.act'),
      cell: (act) => (
        <>
          {!act.confirmed && (
            <>
              <span className="badge badge--unconfirmed">{t('rules.unconfirmed')}</span>{' '}
            </>
          )}
          {lang === 'en' ? act.title_en : act.title_vi}
        </>
      ),
    },
    { label: t('rules.appliesTo'), cell: (act) => t(`rules.appliesTo.${act.applies_to as (typeof APPLIES_TO)[number]}`) },
    { label: t('rules.fine'), cell: (act) => <FineText act={act} /> },
    { label: t('rules.period'), cell: (act) => words.period(act.valid_from, act.valid_to) },
    { label: t('rules.source'), cell: (act) => act.source },
    admin && {
      label: t('common.actions'),
      cell: (act) =>
        act.confirmed ? (
          t('rules.confirmedState')
        ) : (
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => {
              confirm.reset();
              setConfirmed(null);
              setConfirming(act);
            }}
            aria-label={t('rules.confirmNamed', { citation: citation(act) })}
          >
            {t('rules.confirm')}
          </button>
        ),
    },
  ];

  return (
    <section className="section" aria-labelledby="rules-violation-types">
      <h2 id="rules-violation-types">{t('rules.violationTypes')}</h2>
      <p className="lead">{t('rules.violationTypesIntro')}</p>
      <div className="filters">
        <div className="field">
          <label htmlFor={appliesToId}>{t('rules.appliesTo')}</label>
          <select id={appliesToId} value={appliesTo} onChange={(e) => setAppliesTo(e.target.value)}>
            <option value="">{t('rules.appliesToAll')}</option>
            {APPLIES_TO.map((value) => (
              <option key={value} value={value}>
                {t(`rules.appliesTo.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div aria-live="polite">
        {confirmed && (
          <p className="alert alert--success" role="status">
            {t('rules.confirmedDone', { citation: citation(confirmed) })}
          </p>
        )}
      </div>
      <ListView query={query} empty={t('rules.emptyActs')}>
        {(rows) => (
          <DataTable
            caption={t('rules.violationTypes')}
            rows={rows}
            rowKey={(act) => act.code}
            rowData={(act) => ({ 'data-code': act.code })}
            columns={columns}
          />
        )}
      </ListView>
      {admin && (
        <Dialog open={confirming !== null} title={t('rules.confirmTitle')} onClose={() => setConfirming(null)}>
          {confirming && (
            <>
              <p>
                <strong>{citation(confirming)}</strong>: {lang === 'en' ? confirming.title_en : confirming.title_vi}
              </p>
              <p>{t('rules.confirmText')}</p>
              {confirm.isError && <ErrorAlert error={confirm.error} />}
              <div className="form-actions">
                <button
                  type="button"
                  className="button"
                  disabled={confirm.isPending}
                  onClick={() =>
                    confirm.mutate(confirming, {
                      onSuccess: (saved) => {
                        setConfirmed(saved);
                        setConfirming(null);
                      },
                    })
                  }
                >
                  {confirm.isPending ? t('form.saving') : t('rules.confirmButton')}
                </button>
              </div>
            </>
          )}
        </Dialog>
      )}
    </section>
  );
}
