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
  const page = await browser.newPage({ baseURL });
  const response = await page.goto(loginPath);
  if (!response || !response.ok()) {
    throw new Error(`sign-in link answered ${response?.status()}`);
  }
  await page.context().storageState({ path: authState });
  await browser.close();
}
