import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { QueryState } from '@/components/ui/query-state';
import { describeError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';

import type { Me } from '@/lib/auth';
import { useChangeMemberRole } from '../api/change-member-role';
import { useMembers, workspaceRoles, type Member } from '../api/get-members';
import { canManageMembers, isOwner } from './access';
import { InvitationsPanel } from './invitations-panel';
import { InviteMemberForm } from './invite-member-form';
import { RemoveMemberButton } from './remove-member-button';

/** Members of the current workspace; admins invite (and revoke invitations), change roles and remove. */
export function MembersPanel({ me }: { me: Me }) {
  const members = useMembers();
  const changeRole = useChangeMemberRole();
  const manage = canManageMembers(me);
  // Only an owner may grant or take away the owner role; the service enforces it too.
  const assignable = workspaceRoles.filter((r) => r !== 'owner' || isOwner(me));

  return (
    <>
      {manage ? (
        <InviteMemberForm roles={assignable} />
      ) : (
        <p className="muted">
          You can see who is in this workspace; changing members needs the admin
          role.
        </p>
      )}
      {changeRole.isError ? (
        <ErrorAlert
          title="Could not change the role"
          {...describeError(changeRole.error)}
        />
      ) : null}
      <QueryState
        query={members}
        loadingLabel="Loading members…"
        errorTitle="Could not load the members"
      />
      {members.isSuccess && members.data.length === 0 ? (
        <p className="muted">This workspace has no members yet.</p>
      ) : null}
      {members.data && members.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="muted">
              {members.data.length === 1
                ? '1 member'
                : `${members.data.length} members`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
                {manage ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.data.map((member) => (
                <tr key={member.userId}>
                  <th scope="row">
                    {member.displayName ? (
                      <>
                        {member.displayName}{' '}
                        <span className="muted">{member.email}</span>
                      </>
                    ) : (
                      member.email
                    )}
                    {member.userId === me.userId ? (
                      <span className="muted"> (you)</span>
                    ) : null}
                  </th>
                  <td>
                    {manage ? (
                      <RoleEditor
                        key={member.role}
                        member={member}
                        roles={assignable}
                        saving={changeRole.isPending}
                        onSave={(role, onError) => {
                          changeRole.mutate(
                            { userId: member.userId, role },
                            { onError },
                          );
                        }}
                      />
                    ) : (
                      member.role
                    )}
                  </td>
                  <td>
                    {member.joinedAt ? formatDateTime(member.joinedAt) : '—'}
                  </td>
                  {manage ? (
                    <td>
                      <RemoveMemberButton member={member} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {manage ? <InvitationsPanel /> : null}
    </>
  );
}

type RoleEditorProps = {
  member: Member;
  roles: readonly string[];
  saving: boolean;
  onSave: (role: string, onError: () => void) => void;
};

// Save appears once the choice differs. A separate button, because browsers fire change while
// arrowing through a closed select and each of those must not become a role change.
function RoleEditor({ member, roles, saving, onSave }: RoleEditorProps) {
  const [draft, setDraft] = useState(member.role);
  // An admin sees an owner's role but cannot pick it; the option stays so the value shows.
  const options = roles.includes(member.role) ? roles : [member.role, ...roles];
  return (
    <span className="role-editor">
      <select
        aria-label={`Role of ${member.email}`}
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value);
        }}
      >
        {options.map((role) => (
          <option key={role} value={role} disabled={!roles.includes(role)}>
            {role}
          </option>
        ))}
      </select>{' '}
      {draft !== member.role ? (
        <Button
          aria-label={`Save role of ${member.email}`}
          disabled={saving}
          onClick={() => {
            onSave(draft, () => {
              setDraft(member.role);
            });
          }}
        >
          {saving ? 'Saving…' : 'Save'}
        </Button>
      ) : null}
    </span>
  );
}
