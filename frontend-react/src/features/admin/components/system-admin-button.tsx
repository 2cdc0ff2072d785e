import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';

import type { User } from '../api/get-users';
import { useSetSystemAdmin } from '../api/set-system-admin';

/** Grants or removes the system administrator flag after a confirmation. */
export function SystemAdminButton({ user }: { user: User }) {
  const mutation = useSetSystemAdmin();
  const { notify } = useToast();
  const grant = !user.systemAdmin;
  const label = grant ? 'Make system admin' : 'Remove system admin';

  return (
    <ConfirmButton
      label={label}
      buttonClassName={grant ? undefined : 'button-secondary'}
      ariaLabel={`${label}: ${user.email}`}
      mutation={mutation}
      title={grant ? 'Make system admin?' : 'Remove system admin?'}
      confirmLabel={label}
      pendingLabel="Saving…"
      confirmClassName={grant ? undefined : 'button-danger'}
      errorTitle="Could not change the flag"
      variables={{ id: user.id, systemAdmin: grant }}
      onSuccess={(updated) => {
        notify(
          updated.systemAdmin
            ? `${updated.email} is now a system admin.`
            : `${updated.email} is no longer a system admin.`,
          'success',
        );
      }}
    >
      <p>
        {grant
          ? `${user.email} will be able to see and change every workspace, user and the audit log.`
          : `${user.email} will keep their workspace roles but lose system administration.`}
      </p>
    </ConfirmButton>
  );
}
