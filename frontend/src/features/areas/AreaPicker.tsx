import { useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Area } from '../../api/types';
import { FieldShell } from '../../components/form/Field';
import type { FormKit } from '../../components/form/kit';
import { useI18n } from '../../i18n/I18nProvider';
import { useAreas } from '../reference/api';
import { useAreaSearch, useDebounced, type AreaLevel } from './api';
import { matches, matchRange } from './fold';
import { areaPeriod, parentOf, unitOn } from './labels';

interface Props {
  kit: FormKit;
  /** The field path the chosen code is kept under (`worker.home_area_code`). */
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  className?: string;
  /** Only units valid on this day (YYYY-MM-DD); none for units of every period. */
  on?: string;
  level?: AreaLevel;
}

const DEBOUNCE_MS = 200;

/** The name with the part that matches what was typed marked. */
function Highlighted({ text, query }: { text: string; query: string }): ReactNode {
  const range = matchRange(text, query);
  if (!range) return text;
  return (
    <>
      {text.slice(0, range[0])}
      <mark>{text.slice(range[0], range[1])}</mark>
      {text.slice(range[1])}
    </>
  );
}

/**
 * An administrative unit, found by typing part of its name (diacritics optional): a combobox
 * with a list of suggestions (WAI-ARIA 1.2 combobox pattern). Each suggestion shows the unit's
 * former district, its period and its code, since one code names different units over time
 * (docs/places.md).
 */
export function AreaPicker({ kit, name, label, hint, required, className, on, level }: Props) {
  const { t, lang } = useI18n();
  const all = useAreas().data;
  const value = kit.values[name] ?? '';
  // What is typed; null while the input shows the chosen unit.
  const [typed, setTyped] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const uid = useId();

  const query = typed ?? '';
  const settled = useDebounced(query.trim(), DEBOUNCE_MS);
  const search = useAreaSearch({ q: settled, on, level }, open);
  const options = useMemo(
    () => (search.data ?? []).filter((area) => !query.trim() || matches(area.name, query) || area.code.startsWith(query.trim())),
    [search.data, query],
  );

  const chosen = value ? unitOn(all ?? [], value, on) : undefined;
  const shown = typed ?? (value ? (chosen ? `${chosen.name} (${chosen.code})` : value) : '');

  const describe = (area: Area) => {
    const parent = parentOf(all ?? [], area);
    const period = areaPeriod(area, lang, t);
    return { parent: parent?.name, period };
  };

  const choose = (area: Area) => {
    kit.set(name, area.code);
    setTyped(null);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(0);
        } else setActive((i) => Math.min(i + 1, options.length - 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (open) setActive((i) => Math.max(i - 1, 0));
        break;
      case 'Enter':
        if (open && options[active]) {
          event.preventDefault();
          choose(options[active]);
        }
        break;
      case 'Escape':
        if (open) {
          // Closes the list, not the dialog the picker may sit in.
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
          setActive(-1);
        } else if (typed !== null) {
          event.preventDefault();
          setTyped(null);
        }
        break;
    }
  };

  const listId = `${uid}-list`;
  const optionId = (i: number) => `${uid}-option-${i}`;
  const status = !open
    ? ''
    : search.isPending
      ? t('common.loading')
      : options.length
        ? t('areaPicker.count', { count: options.length })
        : t('areaPicker.none');

  return (
    <FieldShell
      kit={kit}
      name={name}
      label={label}
      hint={hint ?? t('areaPicker.hint')}
      required={required}
      className={`area-picker${className ? ` ${className}` : ''}`}
    >
      {(control) => (
        <div className="area-picker__box">
          <input
            {...control}
            type="text"
            role="combobox"
            autoComplete="off"
            spellCheck={false}
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={open && options[active] ? optionId(active) : undefined}
            value={shown}
            onChange={(e) => {
              setTyped(e.target.value);
              setOpen(true);
              setActive(-1);
              if (value) kit.set(name, '');
            }}
            onFocus={(e) => e.target.select()}
            onClick={() => setOpen(true)}
            onKeyDown={onKeyDown}
            onBlur={() => {
              setOpen(false);
              setActive(-1);
              if (typed !== null && !typed.trim()) setTyped(null);
            }}
          />
          <ul id={listId} role="listbox" aria-label={t('areaPicker.list')} className="area-picker__list" hidden={!open || !options.length}>
            {options.map((area, i) => {
              const { parent, period } = describe(area);
              return (
                <li
                  key={`${area.code}-${area.valid_from ?? ''}`}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  className={`area-picker__option${i === active ? ' area-picker__option--active' : ''}`}
                  // Keeps the focus in the input, so the choice does not blur it first.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(area)}
                  onMouseMove={() => setActive(i)}
                >
                  <span className="area-picker__name">
                    <Highlighted text={area.name} query={query} />
                  </span>
                  {parent && (
                    <>
                      {' — '}
                      <span className="area-picker__parent">{parent}</span>
                    </>
                  )}
                  {period && (
                    <>
                      {' '}
                      <span className="area-picker__period">({period})</span>
                    </>
                  )}
                  {' · '}
                  <span className="area-picker__code code">{area.code}</span>
                </li>
              );
            })}
          </ul>
          <span className="visually-hidden" role="status">
            {status}
          </span>
        </div>
      )}
    </FieldShell>
  );
}
