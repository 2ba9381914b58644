import { useState } from 'react';
import { isNotFound } from '../../api/errors';
import type { Placement } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import type { InputError } from '../../forms/numberInputs';
import { useDraft } from '../../forms/useDraft';
import { useI18n } from '../../i18n/I18nProvider';
import { navigate, useParams } from '../../router/router';
import { useMe } from '../auth/api';
import { usePlacement, useUpdatePlacement } from './api';
import { toPlacementUpdate, valuesFromPlacement } from './formModel';
import { PlacementForm } from './PlacementForm';
import { PlacementNotFound } from './PlacementNotFound';

function EditForm({ placement }: { placement: Placement }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const draft = useDraft(`placement.edit.${placement.id}`, () => valuesFromPlacement(placement));
  const update = useUpdatePlacement(placement.id);
  const ownAgency = me?.role === 'agency';
  // Inputs that are not numbers are shown like the API's errors, and nothing is sent.
  const [inputError, setInputError] = useState<InputError | null>(null);

  const submit = () => {
    const read = toPlacementUpdate(draft.values, { ownAgency });
    setInputError(read.ok ? null : read.error);
    if (!read.ok) return;
    // The version read when editing began: if someone saved in between, the API answers 412
    // and the typed values stay here to be re-applied.
    update.mutate(
      { body: read.body, version: placement.version },
      {
        onSuccess: (saved) => {
          draft.clear();
          navigate(`/placements/${saved.id}?saved=1`);
        },
      },
    );
  };

  return (
    <Page title={t('placements.edit', { name: placement.worker.full_name })}>
      <PlacementForm
        mode="edit"
        draft={draft}
        ownAgency={ownAgency}
        pending={update.isPending}
        error={inputError ?? update.error}
        onSubmit={submit}
        cancelTo={`/placements/${placement.id}`}
      />
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
