import { ApiError } from '../api/errors';
import { useI18n } from '../i18n/I18nProvider';

/** Shows a failed call as a translated message, never the server's English text. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, errorMessage } = useI18n();
  const fields = error instanceof ApiError ? error.fieldNames : [];
  return (
    <div className="alert alert--error" role="alert">
      <p>{errorMessage(error)}</p>
      {fields.length > 0 && <p className="alert__fields">{t('errors.fieldList', { fields: fields.join(', ') })}</p>}
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
