import { ApiError } from '../api/errors';
import { isMessageKey, translate, type Lang, type MessageKey } from './core';

/** The dictionary key for an error: `errors.<code>` when translated, else the generic one. */
export function errorMessageKey(error: unknown): MessageKey {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    if (isMessageKey(key)) return key;
  }
  return 'errors.generic';
}

/** A user-facing message for any thrown value; server text is never shown untranslated. */
export function errorMessage(lang: Lang, error: unknown): string {
  return translate(lang, errorMessageKey(error));
}
