import { useEffect } from 'react';
import { useSearchParams } from 'react-router';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Loading } from '@/components/ui/loading';
import { describeError } from '@/lib/api-client';
import { rememberReturnPath } from '@/lib/return-path';

import { providerLoginHref, useProviders } from '../api/get-providers';
import { DevLinkForm } from './dev-link-form';

/** The codes the server puts in `?error=` when a browser sign-in fails. */
const errorMessages: Record<string, string> = {
  link_invalid:
    'That sign-in link is invalid, already used or expired. Each link works once, for 15 minutes: get a new one.',
  sign_in_failed:
    'Signing in with your provider did not succeed. Try again; if it keeps failing, the service log says why.',
  provider_unavailable:
    'The sign-in provider is unavailable. Try again in a minute; if it keeps failing, tell the operator of this instance.',
  email_unverified:
    'Your provider has not verified the email address of your account, so it cannot be used to sign in here. Verify it with your provider, then try again.',
  identity_conflict:
    'An account with this email address already exists, and it is not linked to the identity you signed in with. Sign in the way you did before, or ask the operator of this instance.',
};

const providerLabels: Record<string, string> = {
  oidc: 'Sign in with single sign-on',
  google: 'Sign in with Google',
};

export function SignInPanel() {
  const [params] = useSearchParams();
  const redirectTo = params.get('redirectTo');
  const error = params.get('error');
  const query = useProviders();

  // The server lands every sign-in on the console home; the shell then goes back here.
  useEffect(() => {
    if (redirectTo) {
      rememberReturnPath(redirectTo);
    }
  }, [redirectTo]);

  return (
    <>
      {error ? (
        <ErrorAlert
          title="Sign-in failed"
          message={errorMessages[error] ?? 'Signing in did not succeed.'}
        />
      ) : null}
      {redirectTo && !error ? (
        <p className="alert alert-info">
          The page you asked for needs a signed-in session.
        </p>
      ) : null}
      {query.isPending ? (
        <Loading label="Loading the ways to sign in…" />
      ) : null}
      {query.isError ? (
        <ErrorAlert
          title="Could not load the ways to sign in"
          {...describeError(query.error)}
          action={
            <Button onClick={() => void query.refetch()}>Try again</Button>
          }
        />
      ) : null}
      {query.isSuccess ? (
        <>
          {query.data.providers.length > 0 ? (
            <ul className="plain-list provider-list">
              {query.data.providers.map((provider) => (
                <li key={provider}>
                  <a className="button" href={providerLoginHref(provider)}>
                    {providerLabels[provider] ?? `Sign in with ${provider}`}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          {query.data.devLogin ? <DevLinkForm /> : null}
          {query.data.providers.length === 0 && !query.data.devLogin ? (
            <div className="notice">
              <p className="alert-title">Sign-in is not configured</p>
              <p>
                This instance has no sign-in provider and is not in development
                mode. Its operator sets up an OIDC provider or Google sign-in as
                described in <code>docs/identity.md</code> (section
                “Providers”).
              </p>
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}
