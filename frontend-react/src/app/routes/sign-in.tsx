import { SignInPanel } from '@/features/auth/components/sign-in-panel';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function SignInRoute() {
  useDocumentTitle('Sign in');
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
