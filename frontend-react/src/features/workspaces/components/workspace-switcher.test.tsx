import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { getWorkspaceId } from '@/lib/workspace';
import {
  defaultWorkspace,
  otherWorkspace,
  ownerMe,
  textSource,
} from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { signedIn } from '@/testing/mocks/session';
import { renderApp } from '@/testing/test-utils';

/** A service with one source per workspace, chosen by X-Workspace-Id like the real one. */
function twoWorkspaces(seen: (string | null)[]) {
  server.use(
    http.get('/api/v1/session', ({ request }) => {
      const id = request.headers.get('X-Workspace-Id') ?? defaultWorkspace.id;
      const reader = id === otherWorkspace.id;
      return signedIn({
        ...ownerMe,
        workspaceId: id,
        role: reader ? 'reader' : 'owner',
        permissions: reader
          ? ['read', 'system_admin']
          : ['read', 'write', 'admin', 'owner', 'system_admin'],
      });
    }),
    http.get('/api/v1/sources', ({ request }) => {
      const id = request.headers.get('X-Workspace-Id');
      seen.push(id);
      const title =
        id === otherWorkspace.id ? 'Research notes' : 'Lighthouse log';
      return HttpResponse.json({
        items: [{ ...textSource, id: `src-${title}`, title }],
        total: 1,
        limit: 20,
        offset: 0,
      });
    }),
  );
}

describe('Workspace switcher', () => {
  it('lists the user’s workspaces with their role, the current one selected', () => {
    renderApp('/');

    const select = screen.getByLabelText('Workspace');
    expect(select).toHaveValue(defaultWorkspace.id);
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Default workspace (owner)', 'Research (reader)']);
  });

  it('sends the chosen workspace on every call, remembers it and shows only its data', async () => {
    const seen: (string | null)[] = [];
    twoWorkspaces(seen);
    const user = userEvent.setup();
    const { queryClient } = renderApp('/sources', { me: null });

    expect(
      await screen.findByRole('link', { name: 'Lighthouse log' }),
    ).toBeVisible();
    expect(seen).toEqual([null]);

    await user.selectOptions(
      screen.getByLabelText('Workspace'),
      otherWorkspace.id,
    );

    expect(
      await screen.findByRole('link', { name: 'Research notes' }),
    ).toBeVisible();
    expect(screen.queryByRole('link', { name: 'Lighthouse log' })).toBeNull();
    expect(seen.at(-1)).toBe(otherWorkspace.id);
    expect(getWorkspaceId()).toBe(otherWorkspace.id);
    expect(screen.getByLabelText('Workspace')).toHaveValue(otherWorkspace.id);
    // The old workspace's pages are gone from the cache, not just refetched.
    const cachedTitles = queryClient
      .getQueryCache()
      .findAll({ queryKey: ['sources'] })
      .flatMap((query) => JSON.stringify(query.state.data ?? ''));
    expect(cachedTitles.join()).not.toContain('Lighthouse log');
    // A reader there: no ingest in the navigation any more.
    expect(
      within(screen.getByRole('navigation', { name: 'Main' })).queryByRole(
        'link',
        { name: 'Ingest' },
      ),
    ).toBeNull();
  });

  it('leaves a source page of the old workspace for the source list', async () => {
    const user = userEvent.setup();
    server.use(
      http.get('/api/v1/sources/src-1', () =>
        HttpResponse.json({ ...textSource, chunks: [] }),
      ),
    );
    twoWorkspaces([]);
    const { router } = renderApp('/sources/src-1', { me: null });
    await screen.findByRole('heading', { level: 1, name: 'Lighthouse log' });
    const select = screen.getByLabelText('Workspace');
    select.focus();

    await user.selectOptions(
      screen.getByLabelText('Workspace'),
      otherWorkspace.id,
    );

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sources' }),
    ).toBeVisible();
    expect(router.state.location.pathname).toBe('/sources');
    expect(screen.getByLabelText('Workspace')).toBe(select);
  });
});
