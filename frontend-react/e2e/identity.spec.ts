import type { BrowserContext, Page } from '@playwright/test';

import { expect, test } from './fixtures';
import { expectNoSeriousA11yViolations, saveScreenshot } from './support';

// Sign-in, workspaces and roles against the real service. The service's test (ConsoleBrowserIT)
// prepares a second workspace of the signed-in admin with its own source, a source in the
// default workspace, and a reader of the default workspace with their own sign-in link.
const readerLoginPath = process.env.READER_LOGIN_PATH ?? '';
const secondWorkspace = process.env.E2E_SECOND_WORKSPACE ?? '';
const secondSource = process.env.E2E_SECOND_SOURCE ?? '';
const defaultSource = process.env.E2E_DEFAULT_SOURCE ?? '';
const prepared = !!(readerLoginPath && secondWorkspace && defaultSource);

const signedOut = { cookies: [], origins: [] };

async function searchSources(page: Page, text: string) {
  await page.goto('/sources');
  await page.getByLabel('Search title, URL or file name').fill(text);
  await page.getByRole('button', { name: 'Search' }).click();
}

test.describe('signed out', () => {
  test.use({ storageState: signedOut });

  test('the sign-in screen offers the development link and explains a bad one', async ({
    page,
  }, testInfo) => {
    await page.goto('/sign-in');

    await expect(
      page.getByRole('heading', { level: 1, name: 'Sign in to Mini-RAG' }),
    ).toBeVisible();
    await expect(
      page.getByRole('heading', { level: 2, name: 'Development sign-in link' }),
    ).toBeVisible();
    const field = page.getByLabel('Sign-in link or token');
    await expect(field).toBeVisible();
    await saveScreenshot(page, testInfo, 'sign-in-dev-link');
    await expectNoSeriousA11yViolations(page, testInfo, 'sign-in-dev-link');

    // A full page load through the server, which sends the browser back with an error code.
    await field.fill(`/api/v1/auth/dev-login?token=${'0'.repeat(64)}`);
    await page.getByRole('button', { name: 'Sign in with this link' }).click();
    await expect(page).toHaveURL(/\/sign-in\?error=link_invalid$/);
    await expect(page.getByRole('alert')).toContainText(
      'invalid, already used or expired',
    );
    await saveScreenshot(page, testInfo, 'sign-in-error');
    await expectNoSeriousA11yViolations(page, testInfo, 'sign-in-error');
  });

  test('a deep link without a session goes to sign-in, and signing in comes back to it', async ({
    page,
  }) => {
    await page.goto('/sources?q=tide');

    await expect(page).toHaveURL(
      `/sign-in?redirectTo=${encodeURIComponent('/sources?q=tide')}`,
    );
    await expect(
      page.getByText('The page you asked for needs a signed-in session.'),
    ).toBeVisible();
    expect(
      await page.evaluate<string | null>(
        "sessionStorage.getItem('minirag.returnTo')",
      ),
    ).toBe('/sources?q=tide');

    // Signing in through the screen comes back to that page.
    const returnLoginPath = process.env.RETURN_LOGIN_PATH;
    expect(
      returnLoginPath,
      'RETURN_LOGIN_PATH is set by ConsoleBrowserIT',
    ).toBeTruthy();
    await page.getByLabel('Sign-in link or token').fill(returnLoginPath ?? '');
    await page.getByRole('button', { name: 'Sign in with this link' }).click();
    await expect(page).toHaveURL('/sources?q=tide');
    await expect(page.getByLabel('Search title, URL or file name')).toHaveValue(
      'tide',
    );
    expect(
      await page.evaluate<string | null>(
        "sessionStorage.getItem('minirag.returnTo')",
      ),
    ).toBeNull();
  });
});

test('switching workspace shows only that workspace’s sources', async ({
  page,
}, testInfo) => {
  expect(prepared, 'needs the workspaces ConsoleBrowserIT prepares').toBe(true);
  await searchSources(page, 'workspace notes');
  await expect(page.getByRole('link', { name: defaultSource })).toBeVisible();
  await expect(page.getByRole('link', { name: secondSource })).toHaveCount(0);

  await page
    .getByLabel('Workspace', { exact: true })
    .selectOption({ label: `${secondWorkspace} (owner)` });

  await expect(page.getByRole('link', { name: secondSource })).toBeVisible();
  await expect(page.getByRole('link', { name: defaultSource })).toHaveCount(0);
  await saveScreenshot(page, testInfo, 'workspace-switched');
  await expectNoSeriousA11yViolations(page, testInfo, 'workspace-switched');

  // The choice survives a reload.
  await page.reload();
  await expect(page.getByRole('link', { name: secondSource })).toBeVisible();
  await expect(page.getByLabel('Workspace', { exact: true })).toHaveValue(
    (await page.evaluate<string | null>(
      "localStorage.getItem('minirag.workspaceId')",
    )) ?? 'missing',
  );
});

test.describe('a reader', () => {
  test.describe.configure({ mode: 'serial' });
  let context: BrowserContext;
  let page: Page;

  test.beforeAll(async ({ browser }, testInfo) => {
    expect(prepared, 'needs the reader ConsoleBrowserIT prepares').toBe(true);
    // A separate context: the reader's own cookies, none of the admin's.
    context = await browser.newContext({
      baseURL: testInfo.project.use.baseURL,
      storageState: signedOut,
    });
    const response = await context.request.get(readerLoginPath, {
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    page = await context.newPage();
  });

  test.afterAll(async () => {
    await context.close();
  });

  test('sees no Ingest or Admin entry and no delete control', async () => {
    const testInfo = test.info();
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    // Readers may follow the workspace's jobs (read access), but not start or cancel them.
    await expect(nav.getByRole('link')).toHaveText([
      'Dashboard',
      'Ask',
      'Sources',
      'Jobs',
    ]);
    await expect(page.getByRole('region', { name: 'Account' })).toContainText(
      'reader@example.test',
    );

    await searchSources(page, defaultSource);
    await page.getByRole('link', { name: defaultSource }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: defaultSource }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Refresh' })).toHaveCount(0);
    await saveScreenshot(page, testInfo, 'reader-source-detail');
    await expectNoSeriousA11yViolations(page, testInfo, 'reader-source-detail');

    await page.goto('/ingest');
    await expect(
      page.getByText('You don’t have access to this page'),
    ).toBeVisible();
    await expect(page.getByLabel('Choose files')).toHaveCount(0);
    await saveScreenshot(page, testInfo, 'reader-ingest');
    await expectNoSeriousA11yViolations(page, testInfo, 'reader-ingest');
  });

  test('signing out lands on the sign-in screen and ends the session', async () => {
    const testInfo = test.info();
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();

    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Sign in to Mini-RAG' }),
    ).toBeVisible();
    await saveScreenshot(page, testInfo, 'signed-out');
    await expectNoSeriousA11yViolations(page, testInfo, 'signed-out');

    const me = await page.request.get('/api/v1/me');
    expect(me.status()).toBe(401);
  });
});
