import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { Dialog } from './Dialog';

interface Props {
  open: boolean;
  title: string;
  /** What will happen and what cannot be undone. */
  children: ReactNode;
  /** The confirming button's words: the step itself ("Record the return"). */
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks before a step that cannot be undone: the dialog says what will happen; Cancel (or
 * Escape) leaves everything as it was, and focus starts on Cancel so Enter does no harm.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, onConfirm, onCancel }: Props) {
  const { t } = useI18n();
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onCancel}
      closeLabel={t('form.cancel')}
      actions={
        <button type="button" className="button button--danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      }
    >
      {children}
    </Dialog>
  );
}

/**
 * A form whose submission is confirmed first when `ask(event)` says so: the submit opens the
 * dialog, and Confirm submits the form again (its own submit event, through `submit`).
 */
export function useConfirmedSubmit(ask: () => boolean, submit: (event: FormEvent<HTMLFormElement>) => void) {
  const [open, setOpen] = useState(false);
  const confirmed = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (!confirmed.current && ask()) {
      event.preventDefault();
      setOpen(true);
      return;
    }
    confirmed.current = false;
    submit(event);
  };
  const dialog = {
    open,
    onConfirm: () => {
      setOpen(false);
      confirmed.current = true;
      formRef.current?.requestSubmit();
    },
    onCancel: () => setOpen(false),
  };
  return { formRef, onSubmit, dialog };
}
