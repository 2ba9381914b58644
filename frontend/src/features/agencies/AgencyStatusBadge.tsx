import type { AgencyStatus } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';

/** An enterprise's licence: active, suspended or revoked. */
export function AgencyStatusBadge({ status }: { status: AgencyStatus }) {
  const { tv } = useI18n();
  return <span className={`badge badge--${status}`}>{tv('agencyStatus', status)}</span>;
}
