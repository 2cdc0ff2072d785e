import type { ReactNode } from 'react';
import { NavLink } from 'react-router';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Loading } from '@/components/ui/loading';
import { PageHeader } from '@/components/ui/page-header';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/api-client';

import { useMe, type Me } from '@/lib/auth';
import { canSee, sections, type Section } from './access';
import { NoAccess } from './no-access';

import './admin.css';

type AdminPageProps = {
  section: Section;
  title: string;
  lead?: ReactNode;
  children: (me: Me) => ReactNode;
};

/** One admin sub-page: header and breadcrumbs, the section tabs, then the section if allowed. */
export function AdminPage({ section, title, lead, children }: AdminPageProps) {
  const me = useMe();
  return (
    <>
      <PageHeader
        title={title}
        crumbs={[{ label: 'Admin', to: paths.admin.getHref() }]}
        lead={lead}
      />
      {me.isPending ? <Loading label="Checking your access…" /> : null}
      {me.isError ? (
        <ErrorAlert
          title="Could not check your access"
          {...describeError(me.error)}
          action={<Button onClick={() => void me.refetch()}>Try again</Button>}
        />
      ) : null}
      {me.data ? (
        <>
          <AdminTabs me={me.data} />
          {canSee(section, me.data) ? children(me.data) : <NoAccess />}
        </>
      ) : null}
    </>
  );
}

function AdminTabs({ me }: { me: Me }) {
  const visible = sections.filter((s) => canSee(s.id, me));
  if (visible.length < 2) {
    return null;
  }
  return (
    <nav aria-label="Admin sections">
      <ul className="admin-tabs">
        {visible.map((s) => (
          <li key={s.id}>
            <NavLink to={s.href}>{s.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
