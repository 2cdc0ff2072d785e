import { defineConfig } from '@playwright/test';

// End-to-end tests drive the built console served by the real Mini-RAG service.
// BASE_URL points at a running service; CHROMIUM_PATH at a system Chromium
// (Playwright's own browser download is not used: set PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// LOGIN_PATH: a one-time development sign-in link; global-setup.ts follows it once and every test
// starts from the resulting session cookie.
export const authState = 'target/e2e-results/auth.json';
const signedIn = !!process.env.LOGIN_PATH;
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'target/e2e-results',
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['junit', { outputFile: 'target/e2e-results/junit.xml' }],
  ],
  use: {
    baseURL,
    storageState: signedIn ? authState : undefined,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath,
      args: chromiumArgs,
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
