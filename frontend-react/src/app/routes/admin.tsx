import { AdminHome } from '@/features/admin/components/admin-home';
import { AdminPage } from '@/features/admin/components/admin-page';
import { ApiKeysPanel } from '@/features/admin/components/api-keys-panel';
import { AuditPanel } from '@/features/admin/components/audit-panel';
import { LimitsPanel } from '@/features/admin/components/limits-panel';
import { MembersPanel } from '@/features/admin/components/members-panel';
import { UsersPanel } from '@/features/admin/components/users-panel';

export function AdminIndexRoute() {
  return <AdminHome />;
}

export function AdminMembersRoute() {
  return (
    <AdminPage
      section="members"
      title="Members"
      lead="Who can use this workspace, and with which role."
    >
      {(me) => <MembersPanel me={me} />}
    </AdminPage>
  );
}

export function AdminApiKeysRoute() {
  return (
    <AdminPage
      section="apiKeys"
      title="API keys"
      lead="Keys let programs call the API in this workspace without signing in."
    >
      {() => <ApiKeysPanel />}
    </AdminPage>
  );
}

export function AdminUsersRoute() {
  return (
    <AdminPage
      section="users"
      title="Users"
      lead="Everyone who has signed in or been invited, across all workspaces."
    >
      {(me) => <UsersPanel me={me} />}
    </AdminPage>
  );
}

export function AdminAuditRoute() {
  return (
    <AdminPage
      section="audit"
      title="Audit log"
      lead="Sign-ins, keys, members and content changes, newest first."
    >
      {() => <AuditPanel />}
    </AdminPage>
  );
}

export function AdminLimitsRoute() {
  return (
    <AdminPage
      section="limits"
      title="Limits"
      lead="Each workspace's plan, usage and limit overrides."
    >
      {() => <LimitsPanel />}
    </AdminPage>
  );
}
