import { Navigate } from 'react-router';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Loading } from '@/components/ui/loading';
import { PageHeader } from '@/components/ui/page-header';
import { describeError } from '@/lib/api-client';

import { useMe } from '@/lib/auth';
import { canSee, landingSection, sections } from './access';
import { NoAccess } from './no-access';

/** /admin: goes on to the first section the caller administers, or says there is none. */
export function AdminHome() {
  const me = useMe();
  if (me.data) {
    const landing = landingSection(me.data);
    const target = sections.find((s) => s.id === landing);
    if (target) {
      return <Navigate to={target.href} replace />;
    }
  }
  return (
    <>
      <PageHeader title="Admin" />
      {me.isPending ? <Loading label="Checking your access…" /> : null}
      {me.isError ? (
        <ErrorAlert
          title="Could not check your access"
          {...describeError(me.error)}
          action={<Button onClick={() => void me.refetch()}>Try again</Button>}
        />
      ) : null}
      {me.data ? (
        <NoAccess canReadMembers={canSee('members', me.data)} />
      ) : null}
    </>
  );
}
