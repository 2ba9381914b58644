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

/** Looks a key up and fills `{name}` placeholders; numbers are formatted for the language. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = DICTIONARIES[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    if (value === undefined) return match;
    return typeof value === 'number' ? formatNumber(lang, value) : value;
  });
}

export function formatNumber(lang: Lang, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(LOCALES[lang], options).format(value);
}

// A bare ISO date (YYYY-MM-DD) is a calendar day, not an instant: read it as local midnight
// so that it never shifts by a day in timezones west of UTC.
function toDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
  return new Date(value);
}

export function formatDate(lang: Lang, value: string | Date): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(LOCALES[lang], { day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

export function formatDateTime(lang: Lang, value: string | Date): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

/** Translates an enum value such as a tier or a role (`tier.priority`); unknown values show as is. */
export function translateValue(lang: Lang, group: ValueGroup, value: string): string {
  const key = `${group}.${value}`;
  return isMessageKey(key) ? translate(lang, key) : value;
}
