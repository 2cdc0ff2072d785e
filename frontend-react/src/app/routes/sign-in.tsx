import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { SignInPanel } from '@/features/auth/components/sign-in-panel';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function SignInRoute() {
  useDocumentTitle('Sign in');
  const queryClient = useQueryClient();

  // Nothing of a signed-out or expired session may show after the next sign-in. Runs after the
  // shell has unmounted, so no screen refetches what is removed here.
  useEffect(() => {
    queryClient.removeQueries({
      predicate: (query) => query.queryKey[0] !== 'auth',
    });
    queryClient.getMutationCache().clear();
  }, [queryClient]);

  return (
    <main id="main" className="sign-in-page" tabIndex={-1}>
      <div className="narrow">
        <p className="brand brand-on-light">Mini-RAG</p>
        <h1>Sign in to Mini-RAG</h1>
        <SignInPanel />
      </div>
    </main>
  );
}
