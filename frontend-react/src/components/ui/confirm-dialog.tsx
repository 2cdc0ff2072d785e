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
type ConfirmedMutation<TData, TVariables> = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  reset: () => void;
  mutate: (
    variables: TVariables,
    options: { onSuccess: (data: TData) => void },
  ) => void;
};

type ConfirmButtonProps<TData, TVariables> = Omit<
  ConfirmDialogProps,
  'pending' | 'error' | 'onConfirm' | 'onClose'
> & {
  /** The button's text; the dialog opens when it is pressed. */
  label: string;
  buttonClassName?: string;
  ariaLabel?: string;
  mutation: ConfirmedMutation<TData, TVariables>;
  /** What the confirmed mutation is run with. */
  variables: TVariables;
  /** After the mutation succeeded and the dialog closed. */
  onSuccess: (data: TData) => void;
};

/**
 * A button that asks in a {@link ConfirmDialog} before running a mutation; each opening starts
 * clean, a failure stays in the dialog, a success closes it.
 */
export function ConfirmButton<TData, TVariables>({
  label,
  buttonClassName,
  ariaLabel,
  mutation,
  variables,
  onSuccess,
  ...dialog
}: ConfirmButtonProps<TData, TVariables>) {
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
            mutation.mutate(variables, {
              onSuccess: (data) => {
                close();
                onSuccess(data);
              },
            });
          }}
          onClose={close}
        />
      ) : null}
    </>
  );
}
