import { useState, type SyntheticEvent } from 'react';
import { useSearchParams } from 'react-router';

import { Button } from '@/components/ui/button';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/format';

import type { Me } from '@/lib/auth';
import { useUsers } from '../api/get-users';
import { OffsetPager } from '@/components/ui/offset-pager';
import { SystemAdminButton } from './system-admin-button';

export const USERS_PAGE_SIZE = 25;

/** Every user of this installation; search and page live in the URL. */
export function UsersPanel({ me }: { me: Me }) {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const offset = Math.max(0, Number(params.get('offset') ?? '0') || 0);
  const [draft, setDraft] = useState(q);
  const users = useUsers({ q, limit: USERS_PAGE_SIZE, offset });

  const update = (next: { q: string; offset: number }) => {
    const search = new URLSearchParams();
    if (next.q) {
      search.set('q', next.q);
    }
    if (next.offset) {
      search.set('offset', String(next.offset));
    }
    setParams(search);
  };

  const onSearch = (event: SyntheticEvent) => {
    event.preventDefault();
    update({ q: draft.trim(), offset: 0 });
  };

  const items = users.data?.items ?? [];

  return (
    <>
      <form className="filters" role="search" onSubmit={onSearch}>
        <div className="field">
          <label htmlFor="users-q">Search email or name</label>
          <input
            id="users-q"
            type="search"
            value={draft}
            onChange={(event) => {
              setDraft(event.target.value);
            }}
          />
        </div>
        <Button type="submit">Search</Button>
      </form>
      <QueryState
        query={users}
        loadingLabel="Loading users…"
        errorTitle="Could not load the users"
      />
      {users.isSuccess && items.length === 0 ? (
        <p className="muted">
          {q ? `No users match “${q}”.` : 'No users on this page.'}
        </p>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="muted">
              Users {offset + 1}–{offset + items.length}
            </caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">System admin</th>
                <th scope="col">Created</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {items.map((user) => (
                <tr key={user.id}>
                  <th scope="row">
                    {user.email}
                    {user.displayName ? (
                      <span className="muted"> {user.displayName}</span>
                    ) : null}
                  </th>
                  <td>{user.systemAdmin ? 'Yes' : 'No'}</td>
                  <td>
                    {user.createdAt ? formatDateTime(user.createdAt) : '—'}
                  </td>
                  <td>
                    {user.lastLoginAt
                      ? formatDateTime(user.lastLoginAt)
                      : 'Never'}
                  </td>
                  <td>
                    {user.id === me.userId ? (
                      <span className="muted">You</span>
                    ) : (
                      <SystemAdminButton user={user} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <OffsetPager
        offset={offset}
        limit={USERS_PAGE_SIZE}
        count={items.length}
        onChange={(next) => {
          update({ q, offset: next });
        }}
      />
    </>
  );
}
