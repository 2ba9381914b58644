import { Page } from '../../components/Page';
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

  const submit = () => {
    const body = toPlacementIn(draft.values, { ownAgency });
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
        error={create.error}
        onSubmit={submit}
        cancelTo="/placements"
      />
    </Page>
  );
}
