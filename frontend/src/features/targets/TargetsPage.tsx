import { useState } from 'react';
import { can } from '../../auth/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { useMe } from '../auth/api';
import type { FormKit } from '../../components/form/kit';
import { AreaPicker } from '../areas/AreaPicker';
import { useAreas } from '../reference/api';
import { useTargets, useYearlyProgressByArea } from './api';
import { NewTargetForm } from './NewTargetForm';
import { OtherTargets } from './OtherTargets';
import { TargetGrid } from './TargetGrid';

// The plan the grid is laid out for (Quảng Nam 2023–2030), unless the root's own span says otherwise.
const DEFAULT_ROOT = '49';
const DEFAULT_YEARS: [number, number] = [2023, 2030];

export default function TargetsPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const editable = can(me?.role, 'targets.write');
  const areas = useAreas();
  const targets = useTargets();
  const [rootCode, setRootCode] = useState(DEFAULT_ROOT);
  // The grid's area: any unit, old or new; typing clears nothing until a unit is chosen.
  const rootKit: FormKit = {
    id: 'targets-root',
    values: { root: rootCode },
    set: (_name, value) => value && setRootCode(value),
    errors: {},
  };

  const allAreas = areas.data ?? [];
  const root = allAreas.find((a) => a.code === rootCode);
  const children = allAreas.filter((a) => a.parent_code === rootCode);
  const all = targets.data ?? [];
  const plan = all.find((x) => x.area_code === rootCode && x.market_code === null && x.year_to > x.year_from);
  const [from, to] = plan ? [plan.year_from, plan.year_to] : DEFAULT_YEARS;
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const progress = useYearlyProgressByArea(rootCode, years);
  const gridCodes = new Set([rootCode, ...children.map((c) => c.code)]);
  const others = all.filter(
    (x) => !(gridCodes.has(x.area_code) && x.market_code === null && x.year_from === x.year_to && years.includes(x.year_from)),
  );

  return (
    <Page title={t('targets.title')} lead={editable ? t('targets.introEdit') : t('targets.intro')}>
      {(areas.isError || targets.isError) && <ErrorAlert error={areas.error ?? targets.error} />}
      {(areas.isPending || targets.isPending) && <Loading />}
      {root && targets.data && (
        <>
          <div className="inline-form">
            <AreaPicker kit={rootKit} name="root" label={t('targets.rootArea')} />
          </div>
          <p className="field__hint">{t('targets.legend')}</p>
          <TargetGrid
            root={root}
            subAreas={children}
            years={years}
            targets={all}
            progress={progress.map((p) => p.data)}
            editable={editable}
          />
          <section className="section" aria-labelledby="targets-other">
            <h2 id="targets-other">{t('targets.otherTitle')}</h2>
            <OtherTargets targets={others} areas={allAreas} editable={editable} />
          </section>
          {editable && (
            <section className="section card" aria-labelledby="targets-new">
              <h2 id="targets-new">{t('targets.newTitle')}</h2>
              <NewTargetForm />
            </section>
          )}
        </>
      )}
    </Page>
  );
}
