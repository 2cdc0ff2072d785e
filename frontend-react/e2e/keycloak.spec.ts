import type { Page } from '@playwright/test';

import { expect, test } from './fixtures';
import { saveScreenshot } from './support';

// Single sign-on through a real Keycloak, started by the service's KeycloakSignInIT, which sets
// these variables; skipped in every other run.
const verifiedUser = process.env.SSO_VERIFIED_USER ?? '';
const unverifiedUser = process.env.SSO_UNVERIFIED_USER ?? '';
const password = process.env.SSO_PASSWORD ?? '';

test.skip(!verifiedUser, 'needs a Keycloak started by KeycloakSignInIT');
test.use({ storageState: { cookies: [], origins: [] } });

async function signInAtKeycloak(page: Page, user: string) {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
  // Keycloak's own login form, on Keycloak's origin.
  await expect(page.locator('#kc-login')).toBeVisible();
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
}

test('signs in with Keycloak, signs out, and refuses an unverified email', async ({
  page,
  baseURL,
}, testInfo) => {
  await signInAtKeycloak(page, verifiedUser);

  // Back in the console, signed in as that person.
  await expect(page).toHaveURL(`${baseURL}/`);
  const account = page.getByRole('region', { name: 'Account' });
  await expect(account).toContainText(verifiedUser);
  const me = await page.request.get('/api/v1/me');
  expect(me.status()).toBe(200);
  const body = (await me.json()) as { email: string };
  expect(body.email).toBe(verifiedUser);
  await saveScreenshot(page, testInfo, 'sso-signed-in');

  await account.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await page.request.get('/api/v1/me')).status()).toBe(401);

  // A fresh browser: Keycloak's own session for the first person must not carry over.
  const browser = page.context().browser();
  if (!browser) {
    throw new Error('no browser');
  }
  const other = await browser.newContext({ baseURL });
  const second = await other.newPage();
  await signInAtKeycloak(second, unverifiedUser);
  await expect(second).toHaveURL(/\/sign-in\?error=email_unverified$/);
  await expect(second.getByRole('alert')).toContainText(
    'has not verified the email address',
  );
  expect((await second.request.get('/api/v1/me')).status()).toBe(401);
  await saveScreenshot(second, testInfo, 'sso-unverified-refused');
  await other.close();
});
