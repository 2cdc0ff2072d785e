import { useRef, useState } from 'react';

import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { useToast } from '@/components/ui/toast';
import { describeError } from '@/lib/api-client';

import type { Member } from '../api/get-members';
import { useRemoveMember } from '../api/remove-member';

export function RemoveMemberButton({ member }: { member: Member }) {
  const [open, setOpen] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
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
        <Dialog
          title="Remove this member?"
          role="alertdialog"
          initialFocus={cancelRef}
          onClose={() => {
            setOpen(false);
          }}
        >
          <p>
            {member.email} will lose access to this workspace at their next
            request.
          </p>
          {mutation.isError ? (
            <ErrorAlert
              title="Could not remove the member"
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
              className="button-danger"
              disabled={mutation.isPending}
              onClick={confirm}
            >
              {mutation.isPending ? 'Removing…' : 'Remove member'}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
