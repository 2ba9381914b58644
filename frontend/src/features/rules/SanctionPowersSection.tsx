import { useState } from 'react';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListView } from '../../components/ListView';
import { useI18n } from '../../i18n/I18nProvider';
import { useConfirmSanctionPower, useSanctionPowers, type SanctionPower } from './api';
import { useRuleWords } from './labels';

/**
 * Who may fine how much under Decree 283/2026 (Art. 55-62) in force on `on`: the cap for one
 * individual's violation, twice that for an organisation (Art. 63(1)), and the provisions an
 * authority may sanction where Art. 63 limits it; each "to be confirmed" until an administrator
 * has checked it against the signed text (docs/law.md).
 */
export function SanctionPowersSection({ on, admin }: { on: string; admin: boolean }) {
  const { t, lang } = useI18n();
  const words = useRuleWords();
  const query = useSanctionPowers(on);
  const confirm = useConfirmSanctionPower();
  const [confirming, setConfirming] = useState<SanctionPower | null>(null);
  const [confirmed, setConfirmed] = useState<SanctionPower | null>(null);
  const name = (power: SanctionPower) => (lang === 'en' && power.authority_en ? power.authority_en : power.authority_vi);

  const columns: (Column<SanctionPower> | false)[] = [
    {
      label: t('rules.authority'),
      rowHeader: true,
      cell: (power) => (
        <>
          {!power.confirmed && (
            <>
              <span className="badge badge--unconfirmed">{t('rules.unconfirmed')}</span>{' '}
            </>
          )}
          {name(power)}
        </>
      ),
    },
    {
      label: t('rules.maxFine'),
      cell: (power) => (
        <>
          {t('rules.maxFineIndividual', { amount: words.vnd(power.max_fine_vnd) })}
          <br />
          <span className="rule-key__detail">
            {t('rules.maxFineOrganisation', { amount: words.vnd(power.max_fine_vnd * 2) })}
          </span>
        </>
      ),
    },
    { label: t('rules.scope'), cell: (power) => power.scope || t('rules.scopeAll') },
    { label: t('rules.period'), cell: (power) => words.period(power.valid_from, power.valid_to) },
    { label: t('rules.source'), cell: (power) => power.source },
    admin && {
      label: t('common.actions'),
      cell: (power) =>
        power.confirmed ? (
          t('rules.confirmedState')
        ) : (
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => {
              confirm.reset();
              setConfirmed(null);
              setConfirming(power);
            }}
            aria-label={t('rules.confirmNamed', { citation: name(power) })}
          >
            {t('rules.confirm')}
          </button>
        ),
    },
  ];

  return (
    <section className="section" aria-labelledby="rules-sanction-powers">
      <h2 id="rules-sanction-powers">{t('rules.sanctionPowers')}</h2>
      <p className="lead">{t('rules.sanctionPowersIntro')}</p>
      <div aria-live="polite">
        {confirmed && (
          <p className="alert alert--success" role="status">
            {t('rules.confirmedDone', { citation: name(confirmed) })}
          </p>
        )}
      </div>
      <ListView query={query} empty={t('rules.emptyPowers')}>
        {(rows) => (
          <DataTable
            caption={t('rules.sanctionPowers')}
            rows={rows}
            rowKey={(power) => power.code}
            rowData={(power) => ({ 'data-code': power.code })}
            columns={columns}
          />
        )}
      </ListView>
      {admin && (
        <Dialog open={confirming !== null} title={t('rules.confirmPowerTitle')} onClose={() => setConfirming(null)}>
          {confirming && (
            <>
              <p>
                <strong>{name(confirming)}</strong>: {words.vnd(confirming.max_fine_vnd)}
              </p>
              <p>{t('rules.confirmPowerText')}</p>
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
