import { formatDay, formatMoment } from './dates';
import { en } from './en';
import type { ValueGroup } from './values';
import { vi, type Dictionary, type MessageKey } from './vi';

export type { Dictionary, MessageKey };

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'vi';

export const DICTIONARIES: Record<Lang, Dictionary> = { vi, en };

/** BCP 47 locale used with Intl for each language. */
export const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

const STORAGE_KEY = 'overseas.lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(vi, key);
}

export function loadLang(storage: Pick<Storage, 'getItem'> | undefined = safeLocalStorage()): Lang {
  const stored = storage?.getItem(STORAGE_KEY);
  return isLang(stored) ? stored : DEFAULT_LANG;
}

export function saveLang(lang: Lang, storage: Pick<Storage, 'setItem'> | undefined = safeLocalStorage()) {
  storage?.setItem(STORAGE_KEY, lang);
}

// Storage can throw (privacy modes, sandboxed frames); the language then just is not remembered.
function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export type Params = Record<string, string | number>;

/** Placeholders that hold a record's number (`{id}`, `{placementId}`), written without separators. */
export function isIdParam(name: string): boolean {
  return name === 'id' || /Id$/.test(name);
}

/** Looks a key up and fills `{name}` placeholders; numbers are formatted for the language. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = DICTIONARIES[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    if (value === undefined) return match;
    // A record's number names it, it does not count anything: #6001, never 6.001.
    return typeof value === 'number' && !isIdParam(name) ? formatNumber(lang, value) : String(value);
  });
}

export function formatNumber(lang: Lang, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(LOCALES[lang], options).format(value);
}

/** A day as dd/MM/yyyy in either language (i18n/dates.ts). */
export function formatDate(_lang: Lang, value: string | Date): string {
  return formatDay(value);
}

/** A moment as dd/MM/yyyy HH:mm in Vietnam time in either language (i18n/dates.ts). */
export function formatDateTime(_lang: Lang, value: string | Date): string {
  return formatMoment(value);
}

/** Translates an enum value such as a tier or a role (`tier.priority`); unknown values show as is. */
export function translateValue(lang: Lang, group: ValueGroup, value: string): string {
  const key = `${group}.${value}`;
  return isMessageKey(key) ? translate(lang, key) : value;
}
