import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { QueryState } from '@/components/ui/query-state';
import { useToast } from '@/components/ui/toast';
import { formatDateTime } from '@/lib/format';

import { useInvitations, type Invitation } from '../api/get-invitations';
import { useRevokeInvitation } from '../api/revoke-invitation';

/** Open invitations of the current workspace, for its admins: who, which role, until when. */
export function InvitationsPanel() {
  const invitations = useInvitations();

  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading" className="section-heading">
        Pending invitations
      </h2>
      <QueryState
        query={invitations}
        loadingLabel="Loading invitations…"
        errorTitle="Could not load the invitations"
      />
      {invitations.isSuccess && invitations.data.length === 0 ? (
        <p className="muted">No invitations are waiting for an answer.</p>
      ) : null}
      {invitations.data && invitations.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="muted">
              {invitations.data.length === 1
                ? '1 invitation'
                : `${invitations.data.length} invitations`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Expires</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {invitations.data.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row">{invitation.email}</th>
                  <td>{invitation.role}</td>
                  <td>
                    {invitation.expired
                      ? 'Expired'
                      : formatDateTime(invitation.expiresAt)}
                  </td>
                  <td>
                    <RevokeInvitationButton invitation={invitation} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function RevokeInvitationButton({ invitation }: { invitation: Invitation }) {
  const mutation = useRevokeInvitation();
  const { notify } = useToast();

  return (
    <ConfirmButton
      label="Revoke"
      buttonClassName="button-secondary"
      ariaLabel={`Revoke the invitation to ${invitation.email}`}
      mutation={mutation}
      title="Revoke this invitation?"
      confirmLabel="Revoke invitation"
      pendingLabel="Revoking…"
      errorTitle="Could not revoke the invitation"
      variables={invitation.id}
      onSuccess={() => {
        notify(`Revoked the invitation to ${invitation.email}.`, 'success');
      }}
    >
      <p>{invitation.email} will no longer be able to join this workspace.</p>
    </ConfirmButton>
  );
}
