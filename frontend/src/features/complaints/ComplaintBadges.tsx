import type { ComplaintStatus } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';

export function ComplaintStatusBadge({ status }: { status: ComplaintStatus }) {
  const { tv } = useI18n();
  return <span className={`badge badge--complaint-${status}`}>{tv('complaintStatus', status)}</span>;
}

/** The finding of the examination: substantiated, not, or not yet known. */
export function FindingBadge({ substantiated }: { substantiated: boolean | null }) {
  const { t } = useI18n();
  if (substantiated === null) return <>{t('complaint.substantiatedUnknown')}</>;
  return substantiated ? (
    <span className="badge badge--finding-substantiated">{t('complaint.substantiatedYes')}</span>
  ) : (
    <span className="badge badge--finding-unfounded">{t('complaint.substantiatedNo')}</span>
  );
}
