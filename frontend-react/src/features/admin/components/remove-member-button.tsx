import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';

import type { Member } from '../api/get-members';
import { useRemoveMember } from '../api/remove-member';

export function RemoveMemberButton({ member }: { member: Member }) {
  const [open, setOpen] = useState(false);
  const mutation = useRemoveMember();
  const { notify } = useToast();

  const confirm = () => {
    mutation.mutate(member.userId, {
      onSuccess: () => {
        setOpen(false);
        notify(`Removed ${member.email}.`, 'success');
      },
    });
  };

  return (
    <>
      <Button
        className="button-secondary"
        aria-label={`Remove ${member.email}`}
        onClick={() => {
          mutation.reset();
          setOpen(true);
        }}
      >
        Remove
      </Button>
      {open ? (
        <ConfirmDialog
          title="Remove this member?"
          confirmLabel="Remove member"
          pendingLabel="Removing…"
          pending={mutation.isPending}
          error={mutation.isError ? mutation.error : null}
          errorTitle="Could not remove the member"
          onConfirm={confirm}
          onClose={() => {
            setOpen(false);
          }}
        >
          <p>
            {member.email} will lose access to this workspace at their next
            request.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
