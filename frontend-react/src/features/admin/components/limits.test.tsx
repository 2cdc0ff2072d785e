import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import type { WorkspaceUsage } from '@/features/admin/api/get-workspace-usage';
import {
  defaultWorkspaceUsage,
  organizationId,
  systemAdminMe,
  workspaceAdminMe,
  workspaceId,
} from '@/testing/mocks/admin-data';
import { errorBody } from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

import { LIMITS_PAGE_SIZE } from './limits-panel';

const usageUrl = '/api/v1/admin/usage';
const limitsUrl = `/api/v1/admin/workspaces/${workspaceId}/limits`;
const planUrl = `/api/v1/admin/organizations/${organizationId}/plan`;

/** The row with a limit changed, as the service would answer after a PUT. */
function withLimit(
  row: WorkspaceUsage,
  name: string,
  max: number,
  overridden: boolean,
): WorkspaceUsage {
  return {
    ...row,
    usage: {
      ...row.usage,
      limits: row.usage.limits.map((item) =>
        item.limit === name
          ? {
              ...item,
              max,
              overridden,
              unlimited: max === 0,
              remaining: max === 0 ? null : Math.max(0, max - item.used),
            }
          : item,
      ),
    },
  };
}

async function openEditor(user: ReturnType<typeof userEvent.setup>) {
  await user.click(
    await screen.findByRole('button', {
      name: 'Edit limits of Default workspace',
    }),
  );
  return screen.getByRole('dialog', { name: 'Limits of Default workspace' });
}

describe('Limits', () => {
  it('lists each workspace with its plan, usage and overrides, and pages', async () => {
    const seen: string[] = [];
    server.use(
      http.get(usageUrl, ({ request }) => {
        const url = new URL(request.url);
        seen.push(url.search);
        const offset = Number(url.searchParams.get('offset') ?? '0');
        const items = Array.from(
          { length: offset ? 1 : LIMITS_PAGE_SIZE },
          (_, i) => ({
            ...defaultWorkspaceUsage,
            workspaceName: `Workspace ${offset + i}`,
            usage: {
              ...defaultWorkspaceUsage.usage,
              workspaceId: `ws-${offset + i}`,
            },
          }),
        );
        return HttpResponse.json({ items, limit: LIMITS_PAGE_SIZE, offset });
      }),
    );
    const user = userEvent.setup();
    renderApp('/admin/limits', { me: systemAdminMe });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Limits' }),
    ).toBeVisible();
    const first = (
      await screen.findByRole('rowheader', {
        name: 'Workspace 0',
      })
    ).closest('tr') as HTMLElement;
    expect(first).toHaveTextContent('free');
    expect(first).toHaveTextContent('Stored chunks: 120 of 20,000');
    expect(first).toHaveTextContent('Stored sources: 7 of 10 override');
    expect(first).toHaveTextContent('Uploads per day: 1 MB of 100 MB');
    expect(seen[0]).toBe('?limit=25&offset=0');

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(
      await screen.findByRole('rowheader', { name: 'Workspace 25' }),
    ).toBeVisible();
    expect(seen.at(-1)).toBe('?limit=25&offset=25');
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
  });

  it('saves only the changed overrides: a number sets, empty removes, 0 is unlimited', async () => {
    let row = defaultWorkspaceUsage;
    const puts: unknown[] = [];
    server.use(
      http.get(usageUrl, () =>
        HttpResponse.json({ items: [row], limit: 25, offset: 0 }),
      ),
      http.put(limitsUrl, async ({ request }) => {
        const body = (await request.json()) as Record<string, number | null>;
        puts.push({ body, csrf: request.headers.get('X-CSRF-Token') });
        row = withLimit(row, 'storedSources', 500, false);
        row = withLimit(row, 'asksPerDay', 0, true);
        row = withLimit(row, 'uploadBytesPerDay', 2 * 1024 * 1024, true);
        return HttpResponse.json(row.usage);
      }),
    );
    document.cookie = 'csrf_token=tok-1; path=/';
    const user = userEvent.setup();
    renderApp('/admin/limits', { me: systemAdminMe });
    const dialog = await openEditor(user);

    // An override shows its value; the others are empty (inherit), with the plan's value beside.
    const sources = within(dialog).getByLabelText('Stored sources');
    expect(sources).toHaveValue(10);
    expect(sources).toHaveAccessibleDescription('Plan free: 500, used 7.');
    const asks = within(dialog).getByLabelText('Questions per day');
    expect(asks).toHaveValue(null);
    expect(asks).toHaveAccessibleDescription('Plan free: 200, used 3.');
    expect(
      within(dialog).getByLabelText('Uploads per day (MB)'),
    ).toHaveAccessibleDescription('Plan free: 100 MB, used 1 MB.');

    await user.clear(sources);
    await user.type(asks, '0');
    await user.type(within(dialog).getByLabelText('Uploads per day (MB)'), '2');
    await user.click(
      within(dialog).getByRole('button', { name: 'Save limits' }),
    );

    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    expect(puts).toEqual([
      {
        body: {
          storedSources: null,
          uploadBytesPerDay: 2 * 1024 * 1024,
          asksPerDay: 0,
        },
        csrf: 'tok-1',
      },
    ]);
    expect(
      screen.getByText('Limits of Default workspace saved.'),
    ).toBeInTheDocument();
    const updated = screen
      .getByRole('rowheader', { name: 'Default workspace' })
      .closest('tr') as HTMLElement;
    await waitFor(() => {
      expect(updated).toHaveTextContent(
        'Questions per day: 3 (unlimited) override',
      );
    });
    expect(updated).toHaveTextContent('Stored sources: 7 of 500');
    expect(updated).not.toHaveTextContent('Stored sources: 7 of 500 override');
    document.cookie =
      'csrf_token=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  it('refuses a negative or fractional count before sending, and says when nothing changed', async () => {
    let puts = 0;
    server.use(
      http.put(limitsUrl, () => {
        puts += 1;
        return HttpResponse.json(defaultWorkspaceUsage.usage);
      }),
    );
    const user = userEvent.setup();
    renderApp('/admin/limits', { me: systemAdminMe });
    const dialog = await openEditor(user);

    await user.click(
      within(dialog).getByRole('button', { name: 'Save limits' }),
    );
    expect(within(dialog).getByText('Nothing changed.')).toBeVisible();

    const chunks = within(dialog).getByLabelText('Stored chunks');
    await user.type(chunks, '2.5');
    await user.click(
      within(dialog).getByRole('button', { name: 'Save limits' }),
    );
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'Stored chunks: a whole number, 0 or more.',
    );
    expect(chunks).toHaveAttribute('aria-invalid', 'true');
    expect(puts).toBe(0);
  });

  it('shows the service refusal in the dialog', async () => {
    server.use(
      http.put(limitsUrl, () =>
        HttpResponse.json(errorBody(422, 'A limit is 0 (unlimited) or more'), {
          status: 422,
        }),
      ),
    );
    const user = userEvent.setup();
    renderApp('/admin/limits', { me: systemAdminMe });
    const dialog = await openEditor(user);
    await user.type(within(dialog).getByLabelText('Stored chunks'), '5');
    await user.click(
      within(dialog).getByRole('button', { name: 'Save limits' }),
    );

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Could not save the limits');
    expect(alert).toHaveTextContent('A limit is 0 (unlimited) or more');
    expect(alert).toHaveTextContent('req-422');
    expect(within(dialog).getByLabelText('Stored chunks')).toHaveValue(5);
  });

  it('puts the organization on another plan, and shows the plan limits it brings', async () => {
    let row = defaultWorkspaceUsage;
    const bodies: unknown[] = [];
    server.use(
      http.get(usageUrl, () =>
        HttpResponse.json({ items: [row], limit: 25, offset: 0 }),
      ),
      http.put(planUrl, async ({ request }) => {
        const body = (await request.json()) as { plan: string };
        bodies.push(body);
        row = { ...row, usage: { ...row.usage, plan: body.plan } };
        return HttpResponse.json({ organizationId, plan: body.plan });
      }),
    );
    const user = userEvent.setup();
    renderApp('/admin/limits', { me: systemAdminMe });
    const dialog = await openEditor(user);

    const select = await within(dialog).findByLabelText(
      'Plan of the organization',
    );
    expect(select).toHaveValue('free');
    expect(
      within(dialog).getByRole('button', { name: 'Save plan' }),
    ).toBeDisabled();
    await user.selectOptions(select, 'team');
    await user.click(within(dialog).getByRole('button', { name: 'Save plan' }));

    expect(
      await screen.findByText(
        'The organization of Default workspace is now on plan “team”.',
      ),
    ).toBeInTheDocument();
    expect(bodies).toEqual([{ plan: 'team' }]);
    await waitFor(() => {
      expect(
        within(dialog).getByLabelText('Questions per day'),
      ).toHaveAccessibleDescription('Plan team: 10,000, used 3.');
    });
    expect(
      within(dialog).getByRole('button', { name: 'Save plan' }),
    ).toBeDisabled();
  });

  it('shows an unknown plan refusal', async () => {
    server.use(
      http.put(planUrl, () =>
        HttpResponse.json(errorBody(422, 'Unknown plan; use one of [free]'), {
          status: 422,
        }),
      ),
    );
    const user = userEvent.setup();
    renderApp('/admin/limits', { me: systemAdminMe });
    const dialog = await openEditor(user);
    await user.selectOptions(
      await within(dialog).findByLabelText('Plan of the organization'),
      'default',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save plan' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Could not change the plan');
    expect(alert).toHaveTextContent('Unknown plan');
  });

  it('shows a server error with its request id', async () => {
    server.use(
      http.get(usageUrl, () =>
        HttpResponse.json(errorBody(400, 'limit must be at most 500'), {
          status: 400,
        }),
      ),
    );
    renderApp('/admin/limits', { me: systemAdminMe });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the usage');
    expect(alert).toHaveTextContent('req-400');
  });

  it('is not offered to a workspace admin', async () => {
    renderApp('/admin/limits', { me: workspaceAdminMe });
    expect(
      await screen.findByText('You don’t have access to this page'),
    ).toBeVisible();
    expect(
      screen.queryByRole('button', { name: /Edit limits/ }),
    ).not.toBeInTheDocument();
  });
});
