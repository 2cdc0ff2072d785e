import type { APIRequestContext } from '@playwright/test';

import { expect, test } from './fixtures';
import { expectNoSeriousA11yViolations, saveScreenshot } from './support';

// A workspace limit end to end, as the development system admin: the admin area lowers the
// default workspace's stored-sources limit to what it already holds, the ingest screen then shows
// the service's 429 naming that limit, and the dashboard's gauge is full. The override is removed
// afterwards so the other specs run unlimited.
test.describe.configure({ mode: 'serial' });

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

type UsageItem = { limit: string; used: number; max: number };
type Me = {
  workspaceId: string;
  workspaces: { id: string; name: string }[];
};

let workspaceId = '';

async function csrfHeaders(
  request: APIRequestContext,
): Promise<Record<string, string>> {
  const storage = await request.storageState();
  const csrf = storage.cookies.find((c) => c.name === 'csrf_token')?.value;
  return csrf ? { 'X-CSRF-Token': csrf } : {};
}

async function storedSources(request: APIRequestContext) {
  const response = await request.get('/api/v1/usage');
  expect(response.status()).toBe(200);
  const usage = (await response.json()) as { limits: UsageItem[] };
  const item = usage.limits.find((l) => l.limit === 'storedSources');
  expect(item, 'GET /api/v1/usage reports storedSources').toBeTruthy();
  return item as UsageItem;
}

test('a stored-sources limit set in the admin area is named by the ingest screen', async ({
  page,
  consoleErrors,
}, testInfo) => {
  // Two dialogs, two axe runs and three screens: more than the default 30 s on a busy machine.
  test.setTimeout(60_000);
  const me = (await (await page.request.get('/api/v1/me')).json()) as Me;
  workspaceId = me.workspaceId;
  const workspace = me.workspaces.find((w) => w.id === workspaceId);
  expect(workspace, 'the default workspace is listed in /me').toBeTruthy();
  const name = workspace?.name ?? '';

  // The workspace holds at least one source (ConsoleBrowserIT adds one); 0 would mean unlimited.
  let { used } = await storedSources(page.request);
  if (used === 0) {
    const added = await page.request.post('/api/v1/sources/text', {
      headers: await csrfHeaders(page.request),
      data: { title: `E2E limits seed ${run}`, text: `Seed text ${run}.` },
    });
    expect(added.ok()).toBe(true);
    ({ used } = await storedSources(page.request));
  }

  await page.goto('/admin/limits');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Limits' }),
  ).toBeVisible();
  await page
    .getByRole('button', { name: `Edit limits of ${name}`, exact: true })
    .click();
  const dialog = page.getByRole('dialog', {
    name: `Limits of ${name}`,
    exact: true,
  });
  await expect(dialog.getByLabel('Plan of the organization')).toBeVisible();
  await dialog.getByLabel('Stored sources').fill(String(used));
  await saveScreenshot(page, testInfo, 'admin-limits-dialog');
  await expectNoSeriousA11yViolations(page, testInfo, 'admin-limits-dialog');
  await dialog.getByRole('button', { name: 'Save limits' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Limits of ${name} saved.`)).toBeVisible();
  const row = page.getByRole('row').filter({
    has: page.getByRole('rowheader', { name, exact: true }),
  });
  await expect(row).toContainText(`Stored sources: ${used} of ${used}`);
  expect((await storedSources(page.request)).max).toBe(used);
  await saveScreenshot(page, testInfo, 'admin-limits');
  await expectNoSeriousA11yViolations(page, testInfo, 'admin-limits');

  await page.goto('/ingest');
  await page.getByLabel('Title').fill(`E2E over the limit ${run}`);
  await page
    .getByLabel('Text', { exact: true })
    .fill(`This text ${run} would be one source too many.`);
  // The browser logs the refused request; that one and only that one is expected here.
  consoleErrors.allow(
    /status of 429 .* @ http:\/\/[^/]+\/api\/v1\/sources\/text$/,
    'the stored-sources limit under test refuses the text',
  );
  await page.getByRole('button', { name: 'Add text' }).click();
  const results = page.getByRole('list', { name: 'Text results' });
  await expect(results.getByText('failed')).toBeVisible();
  await expect(results).toContainText(
    `Stored sources limit reached (${used} of ${used}); delete sources or ask an administrator.`,
  );
  await saveScreenshot(page, testInfo, 'ingest-limit-reached');
  expect((await storedSources(page.request)).used).toBe(used);

  await page.goto('/');
  await expect(
    page
      .getByRole('region', { name: 'Usage and limits' })
      .getByRole('meter', { name: `Stored sources: ${used} of ${used}` }),
  ).toBeVisible();
});

test.afterAll(async ({ request }) => {
  if (!workspaceId) {
    return;
  }
  const response = await request.put(
    `/api/v1/admin/workspaces/${workspaceId}/limits`,
    {
      headers: await csrfHeaders(request),
      data: { storedSources: null },
    },
  );
  expect(response.status()).toBe(200);
});
