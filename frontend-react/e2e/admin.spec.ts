import { request as apiRequest, type Page } from '@playwright/test';

import { expect, test } from './fixtures';
import { expectNoSeriousA11yViolations, saveScreenshot } from './support';

// The admin area against the real service, signed in as the development system admin who owns
// the default workspace. Later tests read what earlier ones did (the audit entries).
test.describe.configure({ mode: 'serial' });

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const keyName = `E2E key ${run}`;
// Someone with an account (ConsoleBrowserIT signs them in once): adding them makes a member at once.
const memberEmail = process.env.E2E_MEMBER_EMAIL ?? '';
// Someone without one: adding them makes an invitation.
const inviteeEmail = `e2e-invitee-${run}@example.com`;
let keyPrefix = '';

/** Calls the API with only an API key: no session cookie, so the key alone decides. */
async function sourcesWithKey(baseURL: string | undefined, key: string) {
  const context = await apiRequest.newContext({ baseURL });
  try {
    const response = await context.get('/api/v1/sources', {
      headers: { 'X-API-Key': key },
    });
    return response.status();
  } finally {
    await context.dispose();
  }
}

async function applyActionFilter(page: Page, action: string) {
  await page.getByLabel('Action').selectOption(action);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`action=${action}`));
}

test('/admin leads an admin to the members page with every section', async ({
  page,
}) => {
  const response = await page.goto('/admin');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/\/admin\/members$/);
  const tabs = page.getByRole('navigation', { name: 'Admin sections' });
  for (const [name, title] of [
    ['API keys', 'API keys'],
    ['Users', 'Users'],
    ['Audit log', 'Audit log'],
    ['Members', 'Members'],
  ] as const) {
    await tabs.getByRole('link', { name }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: title }),
    ).toBeVisible();
    await expect(page).toHaveTitle(`${title} · Mini-RAG`);
  }
});

test('an API key is shown once, works, and stops working when revoked', async ({
  page,
  baseURL,
}, testInfo) => {
  await page.goto('/admin/api-keys');
  await expect(
    page.getByRole('heading', { level: 1, name: 'API keys' }),
  ).toBeVisible();
  await expect(page.getByText('Loading API keys…')).toHaveCount(0);
  await saveScreenshot(page, testInfo, 'admin-api-keys');
  await expectNoSeriousA11yViolations(page, testInfo, 'admin-api-keys');

  await page.getByLabel('Name').fill(keyName);
  await expect(page.getByRole('checkbox', { name: 'read' })).toBeChecked();
  await page.getByRole('checkbox', { name: 'write' }).check();
  await page.getByLabel('Expires after (days)').fill('30');
  await page.getByRole('button', { name: 'Create key' }).click();

  const dialog = page.getByRole('dialog', {
    name: `API key “${keyName}” created`,
  });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('You won’t see it again');
  const key = await dialog.getByLabel('API key').inputValue();
  expect(key).toMatch(/^mrk_[a-z0-9]{12}_[0-9a-f]{64}$/);
  keyPrefix = key.split('_')[1] ?? '';
  await dialog.getByRole('button', { name: 'Copy key' }).click();
  // Either the clipboard took it or the key is selected for a manual copy.
  await expect(dialog.getByRole('status')).toHaveText(/Copied|Ctrl\+C/);
  await saveScreenshot(page, testInfo, 'admin-api-key-created');
  await expectNoSeriousA11yViolations(page, testInfo, 'admin-api-key-created');

  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);
  const row = page.getByRole('row').filter({ hasText: keyName });
  await expect(row).toContainText(keyPrefix);
  await expect(row).toContainText('read, write');
  await expect(row).toContainText('active');
  expect(await page.content()).not.toContain(key);

  expect(await sourcesWithKey(baseURL, key)).toBe(200);

  await row.getByRole('button', { name: `Revoke ${keyName}` }).click();
  const confirm = page.getByRole('alertdialog', {
    name: 'Revoke this API key?',
  });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await saveScreenshot(page, testInfo, 'admin-api-key-revoke');
  await expectNoSeriousA11yViolations(page, testInfo, 'admin-api-key-revoke');
  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row).toContainText('revoked');
  await expect(
    row.getByRole('button', { name: `Revoke ${keyName}` }),
  ).toHaveCount(0);

  expect(await sourcesWithKey(baseURL, key)).toBe(401);
});

test('inviting an email without an account makes an invitation, which can be revoked', async ({
  page,
}, testInfo) => {
  await page.goto('/admin/members');

  await page.getByLabel('Email').fill(inviteeEmail);
  await page.getByLabel('Role', { exact: true }).selectOption('editor');
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(
    page.getByText(`Invited ${inviteeEmail} as editor`),
  ).toBeVisible();
  const pending = page.getByRole('region', { name: 'Pending invitations' });
  const row = pending.getByRole('row').filter({ hasText: inviteeEmail });
  await expect(row).toContainText('editor');
  await expect(page.getByLabel(`Role of ${inviteeEmail}`)).toHaveCount(0);
  await saveScreenshot(page, testInfo, 'admin-invitations');
  await expectNoSeriousA11yViolations(page, testInfo, 'admin-invitations');

  await row
    .getByRole('button', { name: `Revoke the invitation to ${inviteeEmail}` })
    .click();
  await page
    .getByRole('alertdialog', { name: 'Revoke this invitation?' })
    .getByRole('button', { name: 'Revoke invitation' })
    .click();
  await expect(row).toHaveCount(0);
});

test('add a member by email and change their role', async ({
  page,
  consoleErrors,
}, testInfo) => {
  expect(memberEmail, 'needs the member ConsoleBrowserIT prepares').not.toBe(
    '',
  );
  await page.goto('/admin/members');

  await page.getByLabel('Email').fill(memberEmail);
  await page.getByLabel('Role', { exact: true }).selectOption('reader');
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  const role = page.getByLabel(`Role of ${memberEmail}`, { exact: true });
  await expect(role).toHaveValue('reader');

  await role.selectOption('editor');
  await page
    .getByRole('button', { name: `Save role of ${memberEmail}` })
    .click();
  await expect(
    page.getByRole('button', { name: `Save role of ${memberEmail}` }),
  ).toHaveCount(0);
  await page.reload();
  await expect(
    page.getByLabel(`Role of ${memberEmail}`, { exact: true }),
  ).toHaveValue('editor');

  // The service keeps the last owner: its refusal is shown, the role stays. The browser logs
  // the refused request.
  consoleErrors.allow(
    /status of 409 .* @ http:\/\/[^/]+\/api\/v1\/workspaces\/current\/members\/[0-9a-f-]{36}$/,
    'demoting the last owner is refused',
  );
  await page
    .getByLabel('Role of admin@localhost', { exact: true })
    .selectOption('reader');
  await page
    .getByRole('button', { name: 'Save role of admin@localhost' })
    .click();
  await expect(page.getByRole('alert')).toContainText(
    'A workspace must keep at least one owner',
  );
  await expect(
    page.getByLabel('Role of admin@localhost', { exact: true }),
  ).toHaveValue('owner');

  await saveScreenshot(page, testInfo, 'admin-members');
  await expectNoSeriousA11yViolations(page, testInfo, 'admin-members');
});

test('find the invited user and toggle system admin', async ({
  page,
}, testInfo) => {
  await page.goto('/admin/users');
  await page.getByLabel('Search email or name').fill(memberEmail);
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('row').filter({ hasText: memberEmail });
  await expect(row).toContainText('No');

  await row
    .getByRole('button', { name: `Make system admin: ${memberEmail}` })
    .click();
  const confirm = page.getByRole('alertdialog', { name: 'Make system admin?' });
  await saveScreenshot(page, testInfo, 'admin-users-confirm');
  await expectNoSeriousA11yViolations(page, testInfo, 'admin-users-confirm');
  await confirm.getByRole('button', { name: 'Make system admin' }).click();
  await expect(row).toContainText('Yes');

  await row
    .getByRole('button', { name: `Remove system admin: ${memberEmail}` })
    .click();
  await page
    .getByRole('alertdialog', { name: 'Remove system admin?' })
    .getByRole('button', { name: 'Remove system admin' })
    .click();
  await expect(row).toContainText('No');

  await saveScreenshot(page, testInfo, 'admin-users');
  await expectNoSeriousA11yViolations(page, testInfo, 'admin-users');
});

test('the audit log shows the key and member changes', async ({
  page,
}, testInfo) => {
  expect(keyPrefix).not.toBe('');
  await page.goto('/admin/audit');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Audit log' }),
  ).toBeVisible();

  for (const action of ['api_key.create', 'api_key.revoke']) {
    await applyActionFilter(page, action);
    const first = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: action }) })
      .first();
    await first.getByRole('button', { name: /Show details/ }).click();
    await expect(page.getByText(`"prefix": "${keyPrefix}"`)).toBeVisible();
  }

  // member.role_change last: its details are opened below
  for (const action of [
    'invitation.create',
    'invitation.revoke',
    'member.add',
    'member.role_change',
  ]) {
    await applyActionFilter(page, action);
    await expect(
      page.getByRole('rowheader', { name: action }).first(),
    ).toBeVisible();
  }
  await page
    .getByRole('button', { name: /Show details of member.role_change/ })
    .first()
    .click();
  await expect(page.getByText('"role": "editor"').first()).toBeVisible();

  await saveScreenshot(page, testInfo, 'admin-audit');
  await expectNoSeriousA11yViolations(page, testInfo, 'admin-audit');
});

test.afterAll(async ({ request }) => {
  // Leaves the default workspace as it was: the added member goes, their user row stays.
  const members = await request.get('/api/v1/workspaces/current/members');
  if (!members.ok()) {
    return;
  }
  const list = (await members.json()) as { userId: string; email: string }[];
  const invited = list.find((m) => m.email === memberEmail);
  if (invited) {
    const storage = await request.storageState();
    const csrf = storage.cookies.find((c) => c.name === 'csrf_token')?.value;
    await request.delete(
      `/api/v1/workspaces/current/members/${invited.userId}`,
      { headers: csrf ? { 'X-CSRF-Token': csrf } : {} },
    );
  }
});
