import type { Flag, PlacementStatus } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';

export function StatusBadge({ status }: { status: PlacementStatus }) {
  const { tv } = useI18n();
  return <span className={`badge badge--status-${status}`}>{tv('status', status)}</span>;
}

export function FlagBadges({ flags }: { flags: Flag[] }) {
  const { tv } = useI18n();
  if (!flags.length) return null;
  return (
    <span className="badges">
      {flags.map((flag) => (
        <span key={flag} className="badge badge--flag">
          {tv('flag', flag)}
        </span>
      ))}
    </span>
  );
}
