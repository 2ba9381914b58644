import { useMemo, useState } from 'react';
import { can } from '../../auth/roles';
import { ListView } from '../../components/ListView';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, useLocation } from '../../router/router';
import { useMe } from '../auth/api';
import { usePlacements } from './api';
import { AssignCommuneDialog } from './AssignCommuneDialog';
import { ExportButtons } from './ExportButtons';
import { parseFilters } from './filters';
import { PlacementFilterForm } from './PlacementFilterForm';
import { PlacementTable } from './PlacementTable';

export default function PlacementsPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const { search } = useLocation();
  const filters = useMemo(() => parseFilters(search), [search]);
  const query = usePlacements(filters);
  const role = me?.role;
  const staff = role !== 'agency';
  const [assigning, setAssigning] = useState(false);
  const canAssign = can(role, 'placements.assignCommune');

  return (
    <Page
      title={t('placements.title')}
      lead={staff ? t('placements.intro') : t('placements.introAgency')}
      actions={
        (canAssign || can(role, 'placements.write')) && (
          <>
            {canAssign && (
              <button type="button" className="button button--secondary" onClick={() => setAssigning(true)}>
                {t('assign.button')}
              </button>
            )}
            {can(role, 'placements.write') && (
              <Link to="/placements/new" className="button">
                {t('placements.new')}
              </Link>
            )}
          </>
        )
      }
    >
      {canAssign && (
        <AssignCommuneDialog key={search} filters={filters} open={assigning} onClose={() => setAssigning(false)} />
      )}
      <PlacementFilterForm key={search} filters={filters} showAgency={staff} />
      {can(role, 'placements.export') && <ExportButtons filters={filters} />}
      <ListView query={query} empty={t('placements.empty')}>
        {(placements) => <PlacementTable placements={placements} showAgency={staff} />}
      </ListView>
    </Page>
  );
}
