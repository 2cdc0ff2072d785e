import { useRef, useState, type ReactNode } from 'react';

import { describeError } from '@/lib/api-client';

import { Button } from './button';
import { Dialog } from './dialog';
import { ErrorAlert } from './error-alert';

type ConfirmDialogProps = {
  title: string;
  /** What happens if the user confirms. */
  children: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  /** Defaults to the danger style; a harmless confirmation passes `undefined`. */
  confirmClassName?: string;
  pending: boolean;
  /** The failed attempt's error, shown above the buttons; null when none. */
  error: unknown;
  errorTitle: string;
  onConfirm: () => void;
  onClose: () => void;
};

/** An alert dialog that asks before a consequential action; Cancel has the focus, so Enter is safe. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  pendingLabel,
  confirmClassName = 'button-danger',
  pending,
  error,
  errorTitle,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      title={title}
      role="alertdialog"
      initialFocus={cancelRef}
      onClose={onClose}
    >
      {children}
      {error ? (
        <ErrorAlert title={errorTitle} {...describeError(error)} />
      ) : null}
      <div className="actions">
        <Button ref={cancelRef} className="button-secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button
          className={confirmClassName}
          disabled={pending}
          onClick={onConfirm}
        >
          {pending ? pendingLabel : confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}

/** The part of a TanStack mutation a confirmation needs. */
type ConfirmedMutation = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  reset: () => void;
};

type ConfirmButtonProps = Omit<
  ConfirmDialogProps,
  'pending' | 'error' | 'onConfirm' | 'onClose'
> & {
  /** The button's text; the dialog opens when it is pressed. */
  label: string;
  buttonClassName?: string;
  ariaLabel?: string;
  mutation: ConfirmedMutation;
  /** Runs the mutation; `close` shuts the dialog (on success, typically). */
  onConfirm: (close: () => void) => void;
};

/** A button that asks in a {@link ConfirmDialog} before running a mutation; each opening starts clean. */
export function ConfirmButton({
  label,
  buttonClassName,
  ariaLabel,
  mutation,
  onConfirm,
  ...dialog
}: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  const close = () => {
    setOpen(false);
  };
  return (
    <>
      <Button
        className={buttonClassName}
        aria-label={ariaLabel}
        onClick={() => {
          mutation.reset();
          setOpen(true);
        }}
      >
        {label}
      </Button>
      {open ? (
        <ConfirmDialog
          {...dialog}
          pending={mutation.isPending}
          error={mutation.isError ? mutation.error : null}
          onConfirm={() => {
            onConfirm(close);
          }}
          onClose={close}
        />
      ) : null}
    </>
  );
}
