import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { FieldError } from '../../api/errors';
import type { Target } from '../../api/types';
import { ConfirmDialog, useConfirmedSubmit } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FieldErrorMessage } from '../../components/form/FieldErrorText';
import { NumberInputs } from '../../forms/numberInputs';
import { translate } from '../../i18n/core';
import { useI18n } from '../../i18n/I18nProvider';
import { formatPercent } from '../dashboard/format';
import { useCreateTarget, useDeleteTarget, useUpdateTarget } from './api';

interface Props {
  areaCode: string;
  areaName: string;
  year: number;
  target: Target | undefined;
  actual: number | undefined;
  editable: boolean;
  /** How the cell is named to screen readers; by default "area, year". */
  label?: string;
}

/**
 * One area's target for one year, with the departures counted so far. An officer edits it
 * in place: Enter saves, Escape cancels, an emptied value removes the target.
 */
export function TargetCell({ areaCode, areaName, year, target, actual, editable, label }: Props) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [notNumber, setNotNumber] = useState<FieldError | null>(null);
  const inputId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const create = useCreateTarget();
  const update = useUpdateTarget();
  const remove = useDeleteTarget();
  const pending = create.isPending || update.isPending || remove.isPending;
  const error = create.error ?? update.error ?? remove.error;
  const percent = target && target.value > 0 && actual !== undefined ? (actual / target.value) * 100 : null;
  const cellName = label ?? t('targets.cellLabel', { area: areaName, year: String(year) });

  const start = () => {
    setText(target ? String(target.value) : '');
    setNotNumber(null);
    create.reset();
    update.reset();
    remove.reset();
    setEditing(true);
  };
  const stop = () => {
    setEditing(false);
    requestAnimationFrame(() => buttonRef.current?.focus());
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    const numbers = new NumberInputs();
    const value = text.trim() === '' ? null : numbers.integer('value', text);
    const done = { onSuccess: stop };
    setNotNumber(numbers.errors[0] ?? null);
    if (value === undefined) return;
    if (value === null) {
      if (target) remove.mutate(target, done);
      else stop();
    } else if (target) {
      update.mutate({ target, value }, done);
    } else {
      create.mutate(
        // Target names are records of the department, kept in Vietnamese whatever the UI language.
        { name: translate('vi', 'targets.defaultName', { year: String(year) }), area_code: areaCode, year_from: year, year_to: year, value },
        done,
      );
    }
  };
  // Removing a target deletes it for good: asked first.
  const confirm = useConfirmedSubmit(() => Boolean(target) && text.trim() === '', save);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      stop();
    }
  };

  return (
    <div className="target-cell">
      {editing ? (
        <form onSubmit={confirm.onSubmit} ref={confirm.formRef} onKeyDown={onKeyDown} className="target-cell__form">
          <label htmlFor={inputId} className="visually-hidden">
            {cellName}
          </label>
          <input
            id={inputId}
            inputMode="numeric"
            value={text}
            autoFocus
            aria-invalid={error || notNumber ? true : undefined}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="button button--small" disabled={pending}>
            {t('form.save')}
          </button>
          <button type="button" className="button button--small button--secondary" onClick={stop}>
            {t('form.cancel')}
          </button>
          {notNumber && (
            <p className="field__error" role="alert">
              <FieldErrorMessage error={notNumber} />
            </p>
          )}
          {error && <ErrorAlert error={error} />}
        </form>
      ) : editable ? (
        <button type="button" ref={buttonRef} className="target-cell__value target-cell__button" onClick={start}>
          {target ? formatNumber(target.value) : t('common.none')}
          <span className="visually-hidden">, {t('targets.editCell', { cell: cellName })}</span>
        </button>
      ) : (
        <span className="target-cell__value">{target ? formatNumber(target.value) : t('common.none')}</span>
      )}
      {/* Outside the form, whose Escape key leaves the cell. */}
      <ConfirmDialog
        {...confirm.dialog}
        title={t('targets.confirmDeleteTitle')}
        confirmLabel={t('targets.confirmDeleteButton')}
      >
        <p>{t('targets.confirmDeleteWhat', { cell: cellName, value: target ? formatNumber(target.value) : '' })}</p>
        <p>
          <strong>{t('targets.confirmDeleteFinal')}</strong>
        </p>
      </ConfirmDialog>
      {actual !== undefined && (
        <span className="target-cell__actual">
          <span className="visually-hidden">{t('targets.actualLabel')} </span>
          {formatNumber(actual)}
          {percent !== null && ` (${formatPercent(i18n, percent)})`}
        </span>
      )}
    </div>
  );
}
