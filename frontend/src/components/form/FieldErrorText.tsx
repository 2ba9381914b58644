import type { FieldError } from '../../api/errors';
import { fieldMessage } from '../../forms/fieldMessages';
import { useI18n } from '../../i18n/I18nProvider';

/** One field error, translated; an unrecognised one keeps the server's (English) words beside it. */
export function FieldErrorMessage({ error }: { error: FieldError }) {
  const { t } = useI18n();
  const message = fieldMessage(error.message);
  return (
    <>
      {t(message.key, message.params)}
      {message.generic && (
        <>
          {' '}
          (<span lang="en">{error.message}</span>)
        </>
      )}
    </>
  );
}

export function FieldErrorText({ id, errors }: { id: string; errors: FieldError[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <p className="field__error" id={id}>
      {errors.map((error, i) => (
        <span key={i}>
          <FieldErrorMessage error={error} />
        </span>
      ))}
    </p>
  );
}
