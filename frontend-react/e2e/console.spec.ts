import path from 'node:path';

import { expect, test, type Page, type TestInfo } from '@playwright/test';

// Runs against the real service (BASE_URL); nothing here mocks the API.

async function saveScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const file = path.join(
    testInfo.project.outputDir,
    'screenshots',
    `${name}.png`,
  );
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

test('home shows the service health and version', async ({
  page,
}, testInfo) => {
  const pageErrors = collectPageErrors(page);

  await page.goto('/');

  await expect(page).toHaveTitle('Mini-RAG');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Service status' }),
  ).toBeVisible();
  await expect(page.getByTestId('health-status')).toHaveText('ok');
  await expect(page.getByTestId('version')).toContainText('0.1.0');
  await expect(page.getByRole('alert')).toHaveCount(0);

  await saveScreenshot(page, testInfo, 'home');
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
  await expect(page.getByText(/configured by its operator/)).toBeVisible();

  await saveScreenshot(page, testInfo, 'sign-in');
  expect(pageErrors).toEqual([]);
});
