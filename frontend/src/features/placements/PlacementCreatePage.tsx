import { Page } from '../../components/Page';
import { today } from '../../forms/today';
import { useForm, withIdempotencyKey } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { navigate } from '../../router/router';
import { useMe } from '../auth/api';
import { useCreatePlacement } from './api';
import { emptyPlacementValues, placementIn } from './formModel';
import { PLACEMENT_FORM_ID, PlacementForm, usePlacementLabels } from './PlacementForm';

export default function PlacementCreatePage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const ownAgency = me?.role === 'agency';
  const form = useForm({
    id: PLACEMENT_FORM_ID,
    fields: usePlacementLabels(),
    draftKey: 'placement.new',
    initial: () => emptyPlacementValues(today()),
    mutation: useCreatePlacement(),
    toBody: (values, numbers) => placementIn(values, { ownAgency }, numbers),
    variables: withIdempotencyKey,
    afterSave: 'keep',
    onSaved: (placement) => navigate(`/placements/${placement.id}?saved=1`),
  });

  return (
    <Page title={t('placements.new')} lead={t('placements.newIntro')}>
      <PlacementForm mode="create" form={form} ownAgency={ownAgency} cancelTo="/placements" />
    </Page>
  );
}
