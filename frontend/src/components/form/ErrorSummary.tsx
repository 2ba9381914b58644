import { useEffect, useRef } from 'react';
import { fieldInputId, invalidFields, type MappedErrors } from '../../forms/fieldErrors';
import { useI18n } from '../../i18n/I18nProvider';
import { FieldErrorMessage } from './FieldErrorText';

interface Props {
  formId: string;
  error: unknown;
  mapped: MappedErrors;
  /** The label of each input, to name it in the summary. */
  labels: Record<string, string>;
}

/**
 * The failed save at the top of a form: the translated message, then every bad field as a
 * link to its input. It takes the focus when it appears, so the keyboard starts from it.
 */
export function ErrorSummary({ formId, error, mapped, labels }: Props) {
  const { errorMessage } = useI18n();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.focus();
  }, [error]);

  const fields = invalidFields(mapped, Object.keys(labels));
  return (
    <div className="alert alert--error error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p className="error-summary__title">{errorMessage(error)}</p>
      {(fields.length > 0 || mapped.other.length > 0) && (
        <ul>
          {fields.map((name) => (
            <li key={name}>
              <a
                href={`#${fieldInputId(formId, name)}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(fieldInputId(formId, name))?.focus();
                }}
              >
                <FieldErrorMessage error={mapped.byField[name][0]} labels={labels} />
              </a>
            </li>
          ))}
          {mapped.other.map((fieldError, i) => (
            <li key={`other-${i}`}>
              <FieldErrorMessage error={fieldError} labels={labels} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
