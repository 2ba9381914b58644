import type { Area, Target } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { useI18n } from '../../i18n/I18nProvider';
import { useNames } from '../reference/api';
import { useTargetProgress } from './api';
import { TargetCell } from './TargetCell';

/** A target's value, editable in place, beside the departures counted towards it. */
function OtherTargetValue({ target, areaName, editable }: { target: Target; areaName: string; editable: boolean }) {
  const progress = useTargetProgress(target);
  return (
    <TargetCell
      areaCode={target.area_code}
      areaName={areaName}
      year={target.year_from}
      target={target}
      actual={progress.data?.actual}
      editable={editable}
      label={target.name}
    />
  );
}

/** Targets over several years or for one market: the plan itself and its market goals. */
export function OtherTargets({ targets, areas, editable }: { targets: Target[]; areas: Area[]; editable: boolean }) {
  const { t } = useI18n();
  const names = useNames();
  const areaName = (code: string) => areas.find((a) => a.code === code)?.name ?? code;
  if (targets.length === 0) return <p>{t('common.empty')}</p>;
  return (
    <DataTable
      caption={t('targets.otherTitle')}
      rows={targets}
      rowKey={(target) => target.id}
      columns={[
        { label: t('targets.name'), rowHeader: true, cell: (target) => target.name },
        { label: t('targets.area'), cell: (target) => areaName(target.area_code) },
        {
          label: t('targets.span'),
          cell: (target) => (target.year_from === target.year_to ? String(target.year_from) : `${target.year_from}–${target.year_to}`),
        },
        {
          label: t('targets.market'),
          cell: (target) => (target.market_code ? names.market(target.market_code) : t('targets.allMarkets')),
        },
        {
          label: t('targets.value'),
          numeric: true,
          cell: (target) => <OtherTargetValue target={target} areaName={areaName(target.area_code)} editable={editable} />,
        },
      ]}
    />
  );
}
