import { useState, type SyntheticEvent } from 'react';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { useToast } from '@/components/ui/toast';
import { describeError } from '@/lib/api-client';

import { useAddMember } from '../api/add-member';

/** Adds an account that owns the email (verified, or made by an operator) at once (201); anyone else gets an invitation (202). */
export function InviteMemberForm({ roles }: { roles: readonly string[] }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('reader');
  const addMember = useAddMember();
  const { notify } = useToast();

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const trimmed = email.trim();
    addMember.mutate(
      { email: trimmed, role },
      {
        onSuccess: (added) => {
          notify(
            added.kind === 'member'
              ? `Added ${added.member.email} as ${added.member.role}.`
              : `Invited ${added.invitation.email} as ${added.invitation.role}: they join when they accept.`,
            'success',
          );
          setEmail('');
        },
      },
    );
  };

  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading" className="section-heading">
        Invite a member
      </h2>
      <form className="admin-form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="invite-email">Email</label>
          <input
            id="invite-email"
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select
            id="invite-role"
            value={role}
            onChange={(event) => {
              setRole(event.target.value);
            }}
          >
            {roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <Button type="submit" disabled={addMember.isPending}>
            {addMember.isPending ? 'Inviting…' : 'Invite'}
          </Button>
        </div>
      </form>
      {addMember.isError ? (
        <ErrorAlert
          title="Could not add the member"
          {...describeError(addMember.error)}
        />
      ) : null}
    </section>
  );
}
