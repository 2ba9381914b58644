import type { DutyStatus } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { statusBadgeClass } from './duties';

/** Whether a report came in: in words, the colour only repeating them. */
export function DutyStatusBadge({ status }: { status: DutyStatus }) {
  const { tv } = useI18n();
  return <span className={statusBadgeClass(status)}>{tv('dutyStatus', status)}</span>;
}
