import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { describeError } from '@/lib/api-client';
import { initialsOf, useLastKnownMe } from '@/lib/auth';

import { useLogout } from '../api/logout';
import { useLogoutEverywhere } from '../api/logout-everywhere';

/** Who is signed in, and the way out. */
export function UserMenu() {
  const me = useLastKnownMe();
  const logout = useLogout();
  const everywhere = useLogoutEverywhere();
  if (!me) {
    return null;
  }
  const name = me.displayName?.trim() || me.email || 'API key';
  return (
    <section className="account" aria-label="Account">
      <div className="account-who">
        <span className="avatar" aria-hidden="true">
          {initialsOf(me)}
        </span>
        <span className="account-text">
          {/* The sidebar is narrow: long names are cut, the title shows them whole. */}
          <span className="account-name" title={name}>
            {name}
          </span>
          {me.email && name !== me.email ? (
            <span className="account-email" title={me.email}>
              {me.email}
            </span>
          ) : null}
        </span>
      </div>
      <Button
        className="button-secondary"
        disabled={logout.isPending}
        onClick={() => {
          logout.mutate();
        }}
      >
        {logout.isPending ? 'Signing out…' : 'Sign out'}
      </Button>
      {/* A person, not an API key, has sessions on other devices to end. */}
      {me.email ? (
        <Button
          className="button-secondary"
          disabled={everywhere.isPending}
          title="Ends your sessions on every device and browser"
          onClick={() => {
            everywhere.mutate();
          }}
        >
          {everywhere.isPending ? 'Signing out…' : 'Sign out everywhere'}
        </Button>
      ) : null}
      {logout.isError ? (
        <ErrorAlert
          title="Could not sign out"
          {...describeError(logout.error)}
        />
      ) : null}
      {everywhere.isError ? (
        <ErrorAlert
          title="Could not sign out everywhere"
          {...describeError(everywhere.error)}
        />
      ) : null}
    </section>
  );
}
