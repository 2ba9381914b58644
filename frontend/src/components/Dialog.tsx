import { useEffect, useId, useRef, type ReactNode, type SyntheticEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider';

interface Props {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** The close button's words; "Close" by default ("Cancel" where the dialog asks to confirm). */
  closeLabel?: string;
  /** Buttons after the close button, such as the one that confirms. */
  actions?: ReactNode;
}

/** A modal dialog on the native <dialog>: focus is trapped and Escape closes it. */
export function Dialog({ open, title, onClose, children, closeLabel, actions }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal?.();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // React passes a nested dialog's close and cancel events up to this one: only its own count.
  const own = (event: SyntheticEvent) => {
    if (event.target === event.currentTarget) onClose();
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={own} onCancel={own}>
      {open && (
        <>
          <h2 id={titleId}>{title}</h2>
          {children}
          <div className="dialog__actions">
            <button type="button" className={actions ? 'button button--secondary' : 'button'} onClick={onClose}>
              {closeLabel ?? t('common.close')}
            </button>
            {actions}
          </div>
        </>
      )}
    </dialog>
  );
}
