import { useId, useState } from 'react';
import { can } from '../../auth/roles';
import { Page } from '../../components/Page';
import { today } from '../../forms/today';
import { useI18n } from '../../i18n/I18nProvider';
import { useMe } from '../auth/api';
import { useDepositCaps, useFeeCaps } from './api';
import { CapSection } from './CapSection';
import { SanctionPowersSection } from './SanctionPowersSection';
import { ViolationTypesSection } from './ViolationTypesSection';

/**
 * The rules the registry applies, as dated rows with their sources (docs/law.md): the caps on
 * service fees and deposits, Decree 283/2026's sanctionable acts and who may fine how much. Staff
 * read them; administrators end and add cap rows and confirm rows checked against the signed text.
 */
export default function RulesPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const admin = can(me?.role, 'rules.write');
  const [on, setOn] = useState(today);
  const onId = useId();
  const fees = useFeeCaps(on);
  const deposits = useDepositCaps(on);

  return (
    <Page title={t('rules.title')} lead={t('rules.intro')}>
      <div className="filters">
        <div className="field">
          <label htmlFor={onId}>{t('rules.on')}</label>
          <input id={onId} type="date" value={on} onChange={(e) => setOn(e.target.value)} aria-describedby={`${onId}-hint`} />
          <p className="field__hint" id={`${onId}-hint`}>
            {t('rules.onHint')}
          </p>
        </div>
      </div>
      <nav aria-label={t('rules.sections')}>
        <ul className="inline-links">
          <li>
            <a href="#rules-fee-caps">{t('rules.feeCaps')}</a>
          </li>
          <li>
            <a href="#rules-deposit-caps">{t('rules.depositCaps')}</a>
          </li>
          <li>
            <a href="#rules-violation-types">{t('rules.violationTypes')}</a>
          </li>
          <li>
            <a href="#rules-sanction-powers">{t('rules.sanctionPowers')}</a>
          </li>
        </ul>
      </nav>
      <CapSection kind="fee-caps" query={fees} admin={admin} />
      <CapSection kind="deposit-caps" query={deposits} admin={admin} />
      <ViolationTypesSection on={on} admin={admin} />
      <SanctionPowersSection on={on} admin={admin} />
    </Page>
  );
}
