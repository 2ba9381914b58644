import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  loadLang,
  saveLang,
  translate,
  translateValue,
  type Lang,
  type MessageKey,
  type Params,
} from './core';
import { errorMessage } from './errors';
import type { ValueGroup } from './values';

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Params) => string;
  /** An enum value in the current language: `tv('tier', 'priority')`. */
  tv: (group: ValueGroup, value: string) => string;
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
  formatDate: (value: string | Date) => string;
  formatDateTime: (value: string | Date) => string;
  errorMessage: (error: unknown) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, initialLang }: { children: ReactNode; initialLang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => initialLang ?? loadLang());

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    saveLang(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      tv: (group, value) => translateValue(lang, group, value),
      formatNumber: (n, options) => formatNumber(lang, n, options),
      formatDate: (d) => formatDate(lang, d),
      formatDateTime: (d) => formatDateTime(lang, d),
      errorMessage: (error) => errorMessage(lang, error),
    }),
    [lang, setLang],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
