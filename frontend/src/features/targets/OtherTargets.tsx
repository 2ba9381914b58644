import type { Area, Target } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useNames } from '../reference/api';
import { useTargetProgress } from './api';
import { TargetCell } from './TargetCell';

function OtherTargetRow({ target, areaName, editable }: { target: Target; areaName: string; editable: boolean }) {
  const { t } = useI18n();
  const names = useNames();
  const progress = useTargetProgress(target);
  const span = target.year_from === target.year_to ? String(target.year_from) : `${target.year_from}–${target.year_to}`;
  return (
    <tr>
      <th scope="row" data-label={t('targets.name')}>
        {target.name}
      </th>
      <td data-label={t('targets.area')}>{areaName}</td>
      <td data-label={t('targets.span')}>{span}</td>
      <td data-label={t('targets.market')}>{target.market_code ? names.market(target.market_code) : t('targets.allMarkets')}</td>
      <td data-label={t('targets.value')} className="num">
        <TargetCell
          areaCode={target.area_code}
          areaName={areaName}
          year={target.year_from}
          target={target}
          actual={progress.data?.actual}
          editable={editable}
          label={target.name}
        />
      </td>
    </tr>
  );
}

/** Targets over several years or for one market: the plan itself and its market goals. */
export function OtherTargets({ targets, areas, editable }: { targets: Target[]; areas: Area[]; editable: boolean }) {
  const { t } = useI18n();
  const areaName = (code: string) => areas.find((a) => a.code === code)?.name ?? code;
  if (targets.length === 0) return <p>{t('common.empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t('targets.otherTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('targets.name')}</th>
            <th scope="col">{t('targets.area')}</th>
            <th scope="col">{t('targets.span')}</th>
            <th scope="col">{t('targets.market')}</th>
            <th scope="col" className="num">
              {t('targets.value')}
            </th>
          </tr>
        </thead>
        <tbody>
          {targets.map((target) => (
            <OtherTargetRow key={target.id} target={target} areaName={areaName(target.area_code)} editable={editable} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
