import { expect, test } from './fixtures';
import { saveScreenshot } from './support';

// The API reference (Swagger UI from the service's own jar) on the service's OpenAPI document:
// operations listed, an API key typed into Authorize, one call executed from the page.
const apiKey = process.env.E2E_API_KEY ?? '';

test('the API reference lists operations and runs a call with an API key', async ({
  page,
}, testInfo) => {
  expect(apiKey, 'E2E_API_KEY (ConsoleBrowserIT sets it)').not.toBe('');
  const response = await page.goto('/api/docs');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle('Mini-RAG API reference');
  await expect(
    page.getByRole('heading', { name: /Mini-RAG API/ }),
  ).toBeVisible();
  const usage = page.locator('.opblock-get').filter({
    has: page.locator('.opblock-summary-path[data-path="/v1/usage"]'),
  });
  await expect(usage).toBeVisible();
  await expect(page.locator('.opblock')).not.toHaveCount(0);
  expect(await page.locator('.opblock').count()).toBeGreaterThan(50);

  await page.getByRole('button', { name: 'Authorize' }).first().click();
  // The dialog has one form per scheme: the API key's comes first (the session cookie's second).
  const dialog = page.locator('.modal-ux form').first();
  await dialog
    .locator('input[type="text"], input[type="password"]')
    .first()
    .fill(apiKey);
  // Swagger UI labels its dialog's buttons for assistive technology: Authorize is "Apply
  // credentials", Logout "Remove authorization".
  await dialog.getByRole('button', { name: 'Apply credentials' }).click();
  await expect(
    dialog.getByRole('button', { name: 'Remove authorization' }),
  ).toBeVisible();
  await page
    .locator('.modal-ux')
    .getByRole('button', { name: 'Close' })
    .first()
    .click();

  await usage.locator('.opblock-summary').first().click();
  await usage.getByRole('button', { name: 'Try it out' }).click();
  const answered = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/usage') && r.request().method() === 'GET',
  );
  await usage.getByRole('button', { name: 'Execute' }).click();
  const answer = await answered;
  expect(answer.status()).toBe(200);
  expect(answer.request().headers()['x-api-key']).toBe(apiKey);
  await expect(
    usage
      .locator('.live-responses-table tr.response .response-col_status')
      .first(),
  ).toHaveText('200');
  await expect(usage.locator('.live-responses-table')).toContainText('"plan"');

  await saveScreenshot(page, testInfo, 'api-docs');
});
