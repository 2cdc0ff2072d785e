import { Link, useSearchParams } from 'react-router';

import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function SignInRoute() {
  useDocumentTitle('Sign in');
  const [searchParams] = useSearchParams();
  const redirected = searchParams.has('redirectTo');

  return (
    <div className="narrow">
      <h1>Sign in to Mini-RAG</h1>
      {redirected ? (
        <p className="alert alert-info">
          The page you asked for needs a signed-in session.
        </p>
      ) : null}
      <p>
        The ways to sign in to this Mini-RAG instance (such as your
        organisation&apos;s single sign-on) are configured by its operator.
      </p>
      <p className="notice">
        Sign-in arrives with the identity work: this console cannot sign you in
        yet.
      </p>
      <p>
        <Link to={paths.home.getHref()}>Back to the service status</Link>
      </p>
    </div>
  );
}
