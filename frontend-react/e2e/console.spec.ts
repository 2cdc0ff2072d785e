import { expect, test } from '@playwright/test';

import {
  collectPageErrors,
  expectNoSeriousA11yViolations,
  saveScreenshot,
} from './support';

// Runs against the real service (BASE_URL); nothing here mocks the API.

test('the dashboard shows counts, health and version', async ({
  page,
}, testInfo) => {
  const pageErrors = collectPageErrors(page);

  await page.goto('/');

  await expect(page).toHaveTitle('Dashboard · Mini-RAG');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Dashboard' }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Service status' }),
  ).toBeVisible();
  await expect(page.getByTestId('health-status')).toHaveText('ok');
  await expect(page.getByTestId('version')).toContainText('0.1.0');
  await expect(page.getByLabel('All sources')).toHaveText(/^\d+$/);
  // Billing is not configured yet; usage comes from GET /api/v1/usage (the default plan leaves
  // every limit but requests per minute unlimited).
  await expect(page.getByText('Not configured')).toHaveCount(1);
  const usage = page.getByRole('region', { name: 'Usage and limits' });
  await expect(usage.getByLabel('Plan')).toHaveText('default');
  await expect(
    usage.getByRole('meter', { name: /^Requests per minute: \d+ of 600$/ }),
  ).toBeVisible();
  await expect(usage.getByText('Unlimited')).toHaveCount(5);
  await expect(page.getByRole('alert')).toHaveCount(0);

  await saveScreenshot(page, testInfo, 'dashboard');
  await expectNoSeriousA11yViolations(page, testInfo, 'dashboard');
  expect(pageErrors).toEqual([]);
});

test('a deep link to /sign-in loads the console', async ({
  page,
}, testInfo) => {
  const pageErrors = collectPageErrors(page);

  const response = await page.goto('/sign-in');

  expect(response?.status()).toBe(200);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Sign in to Mini-RAG' }),
  ).toBeVisible();
  await expect(page.getByLabel('Sign-in link or token')).toBeVisible();

  await saveScreenshot(page, testInfo, 'sign-in');
  await expectNoSeriousA11yViolations(page, testInfo, 'sign-in');
  expect(pageErrors).toEqual([]);
});

test('deep links to every screen load', async ({ page }) => {
  for (const [path, title] of [
    ['/ask', 'Ask'],
    ['/sources', 'Sources'],
    ['/ingest', 'Ingest'],
  ] as const) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(
      page.getByRole('heading', { level: 1, name: title }),
    ).toBeVisible();
    await expect(page).toHaveTitle(`${title} · Mini-RAG`);
  }
});
