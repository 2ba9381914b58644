import { useState } from 'react';
import { Page } from '../../components/Page';
import type { InputError } from '../../forms/numberInputs';
import { today } from '../../forms/today';
import { useDraft } from '../../forms/useDraft';
import { useIdempotencyKey } from '../../forms/useIdempotencyKey';
import { useI18n } from '../../i18n/I18nProvider';
import { navigate } from '../../router/router';
import { useMe } from '../auth/api';
import { useCreatePlacement } from './api';
import { emptyPlacementValues, toPlacementIn } from './formModel';
import { PlacementForm } from './PlacementForm';

const DRAFT_KEY = 'placement.new';

export default function PlacementCreatePage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const draft = useDraft(DRAFT_KEY, () => emptyPlacementValues(today()));
  const create = useCreatePlacement();
  const keyFor = useIdempotencyKey();
  const ownAgency = me?.role === 'agency';
  // Inputs that are not numbers are shown like the API's errors, and nothing is sent.
  const [inputError, setInputError] = useState<InputError | null>(null);

  const submit = () => {
    const read = toPlacementIn(draft.values, { ownAgency });
    setInputError(read.ok ? null : read.error);
    if (!read.ok) return;
    const body = read.body;
    create.mutate(
      { body, idempotencyKey: keyFor(body) },
      {
        onSuccess: (placement) => {
          draft.clear();
          navigate(`/placements/${placement.id}?saved=1`);
        },
      },
    );
  };

  return (
    <Page title={t('placements.new')} lead={t('placements.newIntro')}>
      <PlacementForm
        mode="create"
        draft={draft}
        ownAgency={ownAgency}
        pending={create.isPending}
        error={inputError ?? create.error}
        onSubmit={submit}
        cancelTo="/placements"
      />
    </Page>
  );
}
