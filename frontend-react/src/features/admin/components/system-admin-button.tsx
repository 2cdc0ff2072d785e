import { useRef, useState } from 'react';

import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { useToast } from '@/components/ui/toast';
import { describeError } from '@/lib/api-client';

import type { User } from '../api/get-users';
import { useSetSystemAdmin } from '../api/set-system-admin';

/** Grants or removes the system administrator flag after a confirmation. */
export function SystemAdminButton({ user }: { user: User }) {
  const [open, setOpen] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const mutation = useSetSystemAdmin();
  const { notify } = useToast();
  const grant = !user.systemAdmin;
  const label = grant ? 'Make system admin' : 'Remove system admin';

  const confirm = () => {
    mutation.mutate(
      { id: user.id, systemAdmin: grant },
      {
        onSuccess: (updated) => {
          setOpen(false);
          notify(
            updated.systemAdmin
              ? `${updated.email} is now a system admin.`
              : `${updated.email} is no longer a system admin.`,
            'success',
          );
        },
      },
    );
  };

  return (
    <>
      <Button
        className={grant ? undefined : 'button-secondary'}
        aria-label={`${label}: ${user.email}`}
        onClick={() => {
          mutation.reset();
          setOpen(true);
        }}
      >
        {label}
      </Button>
      {open ? (
        <Dialog
          title={grant ? 'Make system admin?' : 'Remove system admin?'}
          role="alertdialog"
          initialFocus={cancelRef}
          onClose={() => {
            setOpen(false);
          }}
        >
          <p>
            {grant
              ? `${user.email} will be able to see and change every workspace, user and the audit log.`
              : `${user.email} will keep their workspace roles but lose system administration.`}
          </p>
          {mutation.isError ? (
            <ErrorAlert
              title="Could not change the flag"
              {...describeError(mutation.error)}
            />
          ) : null}
          <div className="actions">
            <Button
              ref={cancelRef}
              className="button-secondary"
              onClick={() => {
                setOpen(false);
              }}
            >
              Cancel
            </Button>
            <Button
              className={grant ? undefined : 'button-danger'}
              disabled={mutation.isPending}
              onClick={confirm}
            >
              {mutation.isPending ? 'Saving…' : label}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
