import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';

import type { User } from '../api/get-users';
import { useSetSystemAdmin } from '../api/set-system-admin';

/** Grants or removes the system administrator flag after a confirmation. */
export function SystemAdminButton({ user }: { user: User }) {
  const [open, setOpen] = useState(false);
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
        <ConfirmDialog
          title={grant ? 'Make system admin?' : 'Remove system admin?'}
          confirmLabel={label}
          pendingLabel="Saving…"
          confirmClassName={grant ? undefined : 'button-danger'}
          pending={mutation.isPending}
          error={mutation.isError ? mutation.error : null}
          errorTitle="Could not change the flag"
          onConfirm={confirm}
          onClose={() => {
            setOpen(false);
          }}
        >
          <p>
            {grant
              ? `${user.email} will be able to see and change every workspace, user and the audit log.`
              : `${user.email} will keep their workspace roles but lose system administration.`}
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
