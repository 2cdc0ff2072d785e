import { chromium, type FullConfig } from '@playwright/test';

import { authState, chromiumArgs } from '../playwright.config';

// Signs in once through the development sign-in link (LOGIN_PATH) and saves the session cookies.
export default async function globalSetup(config: FullConfig) {
  const loginPath = process.env.LOGIN_PATH;
  if (!loginPath) {
    return;
  }
  const baseURL = config.projects[0]?.use.baseURL ?? 'http://127.0.0.1:8080';
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs,
  });
  const context = await browser.newContext({ baseURL });
  // Only the link's own answer matters (it sets the session cookies); its redirect goes to the
  // service's public URL, which a test run on a random port need not match.
  const response = await context.request.get(loginPath, { maxRedirects: 0 });
  if (response.status() !== 302) {
    throw new Error(`sign-in link answered ${response.status()}`);
  }
  await context.storageState({ path: authState });
  await browser.close();
}
