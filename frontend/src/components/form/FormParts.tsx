import type { ReactNode } from 'react';
import type { Form } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { ErrorSummary } from './ErrorSummary';

interface MessagesProps<TData> {
  form: Form<TData>;
  /** Say so when the values came back from an earlier visit, with a button to start again. */
  restoredNotice?: boolean;
  /** The message once saved, when the form stays on screen for the next record. */
  saved?: (data: TData) => string;
}

/**
 * The messages at the top of a form, always in this order: the restored draft, the failed
 * save with every bad input (ErrorSummary), the saved state.
 */
export function FormMessages<TData>({ form, restoredNotice = false, saved }: MessagesProps<TData>) {
  const { t } = useI18n();
  return (
    <>
      {restoredNotice && form.restored && (
        <div className="alert alert--info" role="status">
          <p>{t('form.draftRestored')}</p>
          <button type="button" className="button button--secondary" onClick={form.discardDraft}>
            {t('form.discardDraft')}
          </button>
        </div>
      )}
      {form.error !== null && <ErrorSummary formId={form.id} error={form.error} mapped={form.mapped} labels={form.labels} />}
      {saved && form.saved && form.data !== undefined && (
        <p className="alert alert--success" role="status">
          {saved(form.data)}
        </p>
      )}
    </>
  );
}

/** The form's submit button: disabled and saying "saving" while the API works. */
export function SubmitButton({ form, children }: { form: Pick<Form<unknown>, 'pending'>; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <button type="submit" className="button" disabled={form.pending}>
      {form.pending ? t('form.saving') : children}
    </button>
  );
}
