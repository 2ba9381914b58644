import { useId } from 'react';
import { LANGS, isLang } from '../i18n/core';
import { useI18n } from '../i18n/I18nProvider';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const id = useId();
  return (
    <div className="lang-switch">
      <label htmlFor={id}>{t('lang.label')}</label>
      <select
        id={id}
        value={lang}
        onChange={(event) => {
          if (isLang(event.target.value)) setLang(event.target.value);
        }}
      >
        {LANGS.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`lang.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
