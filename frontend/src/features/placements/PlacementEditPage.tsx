import { isNotFound } from '../../api/errors';
import type { Placement } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useForm } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { navigate, useParams } from '../../router/router';
import { useMe } from '../auth/api';
import { usePlacement, useUpdatePlacement } from './api';
import { placementUpdate, valuesFromPlacement } from './formModel';
import { PLACEMENT_FORM_ID, PlacementForm, usePlacementLabels } from './PlacementForm';
import { PlacementNotFound } from './PlacementNotFound';

function EditForm({ placement }: { placement: Placement }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const ownAgency = me?.role === 'agency';
  const form = useForm({
    id: PLACEMENT_FORM_ID,
    fields: usePlacementLabels(),
    draftKey: `placement.edit.${placement.id}`,
    initial: () => valuesFromPlacement(placement),
    mutation: useUpdatePlacement(placement.id),
    toBody: (values, numbers) => placementUpdate(values, { ownAgency }, numbers),
    // The version read when editing began: if someone saved in between, the API answers 412
    // and the typed values stay here to be re-applied.
    variables: (body) => ({ body, version: placement.version }),
    afterSave: 'keep',
    onSaved: (saved) => navigate(`/placements/${saved.id}?saved=1`),
  });

  return (
    <Page title={t('placements.edit', { name: placement.worker.full_name })}>
      <PlacementForm mode="edit" form={form} ownAgency={ownAgency} cancelTo={`/placements/${placement.id}`} />
    </Page>
  );
}

export default function PlacementEditPage() {
  const id = Number(useParams().id);
  const placement = usePlacement(id);
  if (placement.isPending) return <Loading />;
  if (placement.isError) {
    return isNotFound(placement.error) ? (
      <PlacementNotFound />
    ) : (
      <ErrorAlert error={placement.error} onRetry={() => void placement.refetch()} />
    );
  }
  return <EditForm placement={placement.data} />;
}
