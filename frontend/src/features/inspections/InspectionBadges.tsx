import type { InspectionResult, InspectionStatus } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';

export function InspectionStatusBadge({ status }: { status: InspectionStatus }) {
  const { tv } = useI18n();
  return <span className={`badge badge--inspection-${status}`}>{tv('inspectionStatus', status)}</span>;
}

export function ResultBadge({ result }: { result: InspectionResult | null }) {
  const { t, tv } = useI18n();
  if (!result) return <>{t('common.none')}</>;
  return <span className={`badge badge--result-${result}`}>{tv('inspectionResult', result)}</span>;
}
