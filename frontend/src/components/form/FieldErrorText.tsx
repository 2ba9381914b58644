import type { FieldError } from '../../api/errors';
import { fieldErrorText, type Labels } from '../../forms/fieldMessages';
import { useI18n } from '../../i18n/I18nProvider';

/** One field error in the user's language, naming fields by the labels the form shows. */
export function FieldErrorMessage({ error, labels }: { error: FieldError; labels?: Labels }) {
  const { lang } = useI18n();
  return <>{fieldErrorText(lang, error, labels)}</>;
}

export function FieldErrorText({ id, errors, labels }: { id: string; errors: FieldError[] | undefined; labels?: Labels }) {
  if (!errors?.length) return null;
  return (
    <p className="field__error" id={id}>
      {errors.map((error, i) => (
        <span key={i}>
          {i > 0 && ' '}
          <FieldErrorMessage error={error} labels={labels} />
        </span>
      ))}
    </p>
  );
}
