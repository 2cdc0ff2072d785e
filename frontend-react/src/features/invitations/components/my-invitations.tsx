import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { useToast } from '@/components/ui/toast';
import { describeError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';

import { useAcceptInvitation } from '../api/accept-invitation';
import { useDeclineInvitation } from '../api/decline-invitation';
import { useMyInvitations, type MyInvitation } from '../api/get-my-invitations';

/**
 * Invitations to other workspaces waiting for my answer; nothing at all when there are none. The
 * mutations live here, not in each item: an answered item leaves the list (and unmounts) before its
 * answer's confirmation would be shown.
 */
export function MyInvitations() {
  const invitations = useMyInvitations();
  const accept = useAcceptInvitation();
  const decline = useDeclineInvitation();
  const { notify } = useToast();

  if (!invitations.data || invitations.data.length === 0) {
    return null;
  }
  const busy = accept.isPending || decline.isPending;
  const failedId = accept.isError
    ? accept.variables
    : decline.isError
      ? decline.variables
      : undefined;

  return (
    <section aria-labelledby="my-invitations-heading">
      <h2 id="my-invitations-heading" className="section-heading">
        Invitations
      </h2>
      <ul className="invitation-list">
        {invitations.data.map((invitation) => (
          <InvitationItem
            key={invitation.id}
            invitation={invitation}
            busy={busy}
            accepting={accept.isPending && accept.variables === invitation.id}
            declining={decline.isPending && decline.variables === invitation.id}
            error={
              failedId === invitation.id
                ? (accept.error ?? decline.error)
                : null
            }
            onAccept={() => {
              decline.reset();
              accept.mutate(invitation.id, {
                onSuccess: (workspace) => {
                  notify(
                    `You joined ${workspace.name}: pick it in the workspace switcher.`,
                    'success',
                  );
                },
              });
            }}
            onDecline={() => {
              accept.reset();
              decline.mutate(invitation.id, {
                onSuccess: () => {
                  notify(
                    `Declined the invitation to ${invitation.workspaceName}.`,
                    'success',
                  );
                },
              });
            }}
          />
        ))}
      </ul>
    </section>
  );
}

type InvitationItemProps = {
  invitation: MyInvitation;
  busy: boolean;
  accepting: boolean;
  declining: boolean;
  error: unknown;
  onAccept: () => void;
  onDecline: () => void;
};

function InvitationItem({
  invitation,
  busy,
  accepting,
  declining,
  error,
  onAccept,
  onDecline,
}: InvitationItemProps) {
  const inviter = invitation.invitedByName ?? invitation.invitedByEmail;
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
          onClick={onAccept}
        >
          {accepting ? 'Accepting…' : 'Accept'}
        </Button>
        <Button
          className="button-secondary"
          aria-label={`Decline the invitation to ${invitation.workspaceName}`}
          disabled={busy}
          onClick={onDecline}
        >
          {declining ? 'Declining…' : 'Decline'}
        </Button>
      </div>
      {error ? (
        <ErrorAlert
          title="Could not answer the invitation"
          {...describeError(error)}
        />
      ) : null}
    </li>
  );
}
