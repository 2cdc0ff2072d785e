import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';

import type { Member } from '../api/get-members';
import { useRemoveMember } from '../api/remove-member';

export function RemoveMemberButton({ member }: { member: Member }) {
  const mutation = useRemoveMember();
  const { notify } = useToast();

  return (
    <ConfirmButton
      label="Remove"
      buttonClassName="button-secondary"
      ariaLabel={`Remove ${member.email}`}
      mutation={mutation}
      title="Remove this member?"
      confirmLabel="Remove member"
      pendingLabel="Removing…"
      errorTitle="Could not remove the member"
      variables={member.userId}
      onSuccess={() => {
        notify(`Removed ${member.email}.`, 'success');
      }}
    >
      <p>
        {member.email} will lose access to this workspace at their next request.
      </p>
    </ConfirmButton>
  );
}
