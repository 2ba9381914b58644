import type { Area, Progress, Target } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { useI18n } from '../../i18n/I18nProvider';
import { TargetCell } from './TargetCell';

interface Props {
  root: Area;
  subAreas: Area[];
  years: number[];
  targets: Target[];
  /** The progress breakdown by sub-area of each year, in the order of `years`. */
  progress: (Progress | undefined)[];
  editable: boolean;
}

/** Areas down, years across: each cell the year's target and the departures counted so far. */
export function TargetGrid({ root, subAreas, years, targets, progress, editable }: Props) {
  const { t } = useI18n();
  // Only the whole-market, single-year targets belong in the grid.
  const cellTarget = (areaCode: string, year: number) =>
    targets.find((x) => x.area_code === areaCode && x.year_from === year && x.year_to === year && x.market_code === null);
  const actualOf = (areaCode: string, i: number) => {
    const yearly = progress[i];
    if (!yearly) return undefined;
    if (areaCode === root.code) return yearly.actual;
    return yearly.rows.find((row) => row.key === areaCode)?.actual ?? 0;
  };

  return (
    <DataTable
      caption={t('targets.gridCaption', { area: root.name })}
      showCaption
      className="target-grid"
      testId="target-grid"
      rows={[root, ...subAreas]}
      rowKey={(area) => area.code}
      rowClassName={(area) => (area.code === root.code ? 'target-grid__total' : undefined)}
      columns={[
        {
          label: t('targets.area'),
          rowHeader: true,
          cell: (area) => (area.code === root.code ? t('targets.wholeArea', { area: area.name }) : area.name),
        },
        ...years.map((year, i) => ({
          label: String(year),
          numeric: true,
          cell: (area: Area) => (
            <TargetCell
              areaCode={area.code}
              areaName={area.name}
              year={year}
              target={cellTarget(area.code, year)}
              actual={actualOf(area.code, i)}
              editable={editable}
            />
          ),
        })),
      ]}
    />
  );
}
