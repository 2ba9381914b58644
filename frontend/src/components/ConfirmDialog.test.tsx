import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFinal } from '../features/placements/transitions';
import { I18nProvider } from '../i18n/I18nProvider';
import { ConfirmDialog, useConfirmedSubmit } from './ConfirmDialog';
import { Dialog } from './Dialog';

/** A form that deletes only when confirmed, when the box "final" is ticked. */
function Deleting({ onDone }: { onDone: (what: string) => void }) {
  const [final, setFinal] = useState(true);
  const confirm = useConfirmedSubmit(
    () => final,
    (event) => {
      event.preventDefault();
      onDone('deleted');
    },
  );
  return (
    <form onSubmit={confirm.onSubmit} ref={confirm.formRef}>
      <label>
        <input type="checkbox" checked={final} onChange={(e) => setFinal(e.target.checked)} /> final
      </label>
      <button type="submit">Delete</button>
      <ConfirmDialog {...confirm.dialog} title="Delete it?" confirmLabel="Delete for good">
        <p>It cannot be undone.</p>
      </ConfirmDialog>
    </form>
  );
}

const show = (children: React.ReactNode) => render(<I18nProvider initialLang="vi">{children}</I18nProvider>);

describe('ConfirmDialog and useConfirmedSubmit', () => {
  beforeEach(() => {
    // jsdom has no modal dialogs: open and close it as a plain one, so its content is in the accessibility tree.
    if (!HTMLDialogElement.prototype.showModal) {
      HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
        this.setAttribute('open', '');
      };
    }
    if (!HTMLDialogElement.prototype.close) {
      HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
        this.removeAttribute('open');
        this.dispatchEvent(new Event('close'));
      };
    }
  });
  afterEach(cleanup);

  it('asks before a final step: Cancel does nothing, Confirm submits once', () => {
    const done: string[] = [];
    show(<Deleting onDone={(what) => done.push(what)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(screen.getByText('It cannot be undone.')).toBeTruthy();
    expect(done).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Huỷ' }));
    expect(screen.queryByText('It cannot be undone.')).toBeNull();
    expect(done).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete for good' }));
    expect(done).toEqual(['deleted']);
    expect(screen.queryByText('It cannot be undone.')).toBeNull();

    // The next submission asks again.
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(screen.getByText('It cannot be undone.')).toBeTruthy();
    expect(done).toEqual(['deleted']);
  });

  it('submits at once when nothing final is at stake', () => {
    const done: string[] = [];
    show(<Deleting onDone={(what) => done.push(what)} />);
    fireEvent.click(screen.getByLabelText('final'));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(done).toEqual(['deleted']);
    expect(screen.queryByText('It cannot be undone.')).toBeNull();
  });

  it('a nested confirmation closing leaves its parent dialog open', () => {
    let parentClosed = 0;
    show(
      <Dialog open title="Edit" onClose={() => (parentClosed += 1)}>
        <Deleting onDone={() => {}} />
      </Dialog>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const inner = screen.getByText('It cannot be undone.').closest('dialog') as HTMLDialogElement;
    fireEvent(inner, new Event('close'));
    fireEvent(inner, new Event('cancel'));
    expect(parentClosed).toBe(0);
  });

  it('knows the final statuses of a placement', () => {
    expect(['returned', 'returned_early', 'cancelled'].every((s) => isFinal(s as never))).toBe(true);
    expect(['registered', 'departed', 'overstayed'].some((s) => isFinal(s as never))).toBe(false);
  });
});
