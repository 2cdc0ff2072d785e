import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { useToast } from '@/components/ui/toast';
import { describeError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';

import { useAcceptInvitation } from '../api/accept-invitation';
import { useDeclineInvitation } from '../api/decline-invitation';
import { useMyInvitations, type MyInvitation } from '../api/get-my-invitations';

/** Invitations to other workspaces waiting for my answer; nothing at all when there are none. */
export function MyInvitations() {
  const invitations = useMyInvitations();
  if (!invitations.data || invitations.data.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby="my-invitations-heading">
      <h2 id="my-invitations-heading" className="section-heading">
        Invitations
      </h2>
      <ul className="invitation-list">
        {invitations.data.map((invitation) => (
          <InvitationItem key={invitation.id} invitation={invitation} />
        ))}
      </ul>
    </section>
  );
}

function InvitationItem({ invitation }: { invitation: MyInvitation }) {
  const accept = useAcceptInvitation();
  const decline = useDeclineInvitation();
  const { notify } = useToast();
  const busy = accept.isPending || decline.isPending;
  const inviter = invitation.invitedByName ?? invitation.invitedByEmail;
  const failed = accept.error ?? decline.error;

  return (
    <li className="card">
      <p>
        {inviter ? `${inviter} invited you` : 'You are invited'} to{' '}
        <strong>{invitation.workspaceName}</strong> as {invitation.role}.{' '}
        <span className="muted">
          Open until {formatDateTime(invitation.expiresAt)}.
        </span>
      </p>
      <div className="actions">
        <Button
          aria-label={`Accept the invitation to ${invitation.workspaceName}`}
          disabled={busy}
          onClick={() => {
            accept.mutate(invitation.id, {
              onSuccess: (workspace) => {
                notify(
                  `You joined ${workspace.name}: pick it in the workspace switcher.`,
                  'success',
                );
              },
            });
          }}
        >
          {accept.isPending ? 'Accepting…' : 'Accept'}
        </Button>
        <Button
          className="button-secondary"
          aria-label={`Decline the invitation to ${invitation.workspaceName}`}
          disabled={busy}
          onClick={() => {
            decline.mutate(invitation.id, {
              onSuccess: () => {
                notify(
                  `Declined the invitation to ${invitation.workspaceName}.`,
                  'success',
                );
              },
            });
          }}
        >
          {decline.isPending ? 'Declining…' : 'Decline'}
        </Button>
      </div>
      {failed ? (
        <ErrorAlert
          title="Could not answer the invitation"
          {...describeError(failed)}
        />
      ) : null}
    </li>
  );
}
