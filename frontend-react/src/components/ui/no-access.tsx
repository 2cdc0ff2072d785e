import type { ReactNode } from 'react';

/** Said instead of a screen the caller's role does not allow (the server would refuse it too). */
export function NoAccess({ children }: { children: ReactNode }) {
  return (
    <div className="notice" role="note">
      <p className="alert-title">You don’t have access to this page</p>
      {children}
    </div>
  );
}
