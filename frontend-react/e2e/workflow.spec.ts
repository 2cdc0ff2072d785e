import type { Page } from '@playwright/test';

import { expect, test } from './fixtures';
import { expectNoSeriousA11yViolations, saveScreenshot } from './support';

// One journey through the real service (BASE_URL): ingest, browse, ask, preview, delete.
// A word unique to this run keeps the retrieval on our own sources.
test.describe.configure({ mode: 'serial' });

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const word = `quillon${run}`;
const textTitle = `E2E lighthouse ${run}`;
const sentence = `The keeper of ${word} polished the brass lantern every evening before sunset.`;
const rawText = `${sentence} The harbour of ${word} was quiet in winter, and the gulls slept on the pier.`;
const fileName = `tide-notes-${run}.txt`;
const fileText = `Tide notes for ${word}. The tide tables are printed every week and pinned by the harbour door.`;
const question = `What did the keeper of ${word} polish every evening?`;

test.setTimeout(60_000);

let textSourceUrl = '';

async function askQuestion(page: Page) {
  await page.goto('/ask');
  const box = page.getByLabel('Your question');
  // The screen renders once /me has answered; the shortcut exists from then on.
  await expect(box).toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(box).toBeFocused();
  await box.fill(question);
  await box.press('Control+Enter');
  await expect(
    page
      .getByText('Why this answer')
      .or(page.getByText('No source passage supports')),
  ).toBeVisible({ timeout: 20_000 });
}

test('ingest raw text and a small text file', async ({ page }, testInfo) => {
  await page.goto('/ingest');

  await page.getByLabel('Title').fill(textTitle);
  await page.getByLabel('Text', { exact: true }).fill(rawText);
  await page.getByRole('button', { name: 'Add text' }).click();
  const textResults = page.getByRole('list', { name: 'Text results' });
  await expect(textResults.getByText('accepted')).toBeVisible();
  await expect(page.getByRole('status').getByText(/accepted/)).toBeVisible();
  textSourceUrl =
    (await textResults
      .getByRole('link', { name: 'View source' })
      .getAttribute('href')) ?? '';
  expect(textSourceUrl).toMatch(/^\/sources\//);

  await page.getByLabel('Choose files').setInputFiles({
    name: fileName,
    mimeType: 'text/plain',
    buffer: Buffer.from(fileText),
  });
  const fileResults = page.getByRole('list', { name: 'File results' });
  await expect(fileResults.getByText(fileName)).toBeVisible();
  await expect(fileResults.getByText('accepted')).toBeVisible();

  await saveScreenshot(page, testInfo, 'ingest');
  await expectNoSeriousA11yViolations(page, testInfo, 'ingest');
});

test('ingest a web page served locally and watch its embedding finish', async ({
  page,
}, testInfo) => {
  // E2E_URL: a page on a local HTTP server, long enough to be embedded by a background worker.
  const url = process.env.E2E_URL;
  expect(url, 'E2E_URL is set by ConsoleBrowserIT').toBeTruthy();
  await page.goto('/ingest');
  await page.getByLabel('URLs, one per line').fill(url ?? '');
  await page.getByRole('button', { name: 'Add URLs' }).click();
  const results = page.getByRole('list', { name: 'URL results' });
  await expect(results.getByText('accepted')).toBeVisible({ timeout: 20_000 });
  const href =
    (await results
      .getByRole('link', { name: 'View source' })
      .getAttribute('href')) ?? '';
  expect(href).toMatch(/^\/sources\//);

  await page.goto(href);
  await expect(
    page.getByRole('heading', { name: process.env.E2E_URL_TITLE }),
  ).toBeVisible();
  // The detail page polls while the worker embeds; it ends ready, with the bar gone.
  await expect(page.locator('.badge', { hasText: 'ready' })).toBeVisible({
    timeout: 45_000,
  });
  await expect(page.getByLabel('Embedding progress')).toHaveCount(0);
  await saveScreenshot(page, testInfo, 'url-source-ready');
  await expectNoSeriousA11yViolations(page, testInfo, 'url source detail');
});

test('the source is listed and its detail opens', async ({
  page,
}, testInfo) => {
  await page.goto('/sources');

  await page.getByLabel('Search title, URL or file name').fill(textTitle);
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('link', { name: textTitle });
  await expect(row).toBeVisible();
  await saveScreenshot(page, testInfo, 'sources');
  await expectNoSeriousA11yViolations(page, testInfo, 'sources');

  await row.click();
  await expect(
    page.getByRole('heading', { level: 1, name: textTitle }),
  ).toBeVisible();
  await expect(page).toHaveTitle(`${textTitle} · Mini-RAG`);
  await expect(page.getByText(sentence)).toBeVisible();
  await expect(page.getByLabel('Status')).toContainText('ready', {
    timeout: 20_000,
  });
  await saveScreenshot(page, testInfo, 'source-detail');
  await expectNoSeriousA11yViolations(page, testInfo, 'source-detail');
});

test('ask streams an answer that cites the source; the preview highlights the sentence', async ({
  page,
}, testInfo) => {
  await askQuestion(page);

  await expect(
    page.getByText(/polished the brass lantern/).first(),
  ).toBeVisible();
  const chip = page.getByRole('button', { name: `[1] ${textTitle}` });
  await expect(chip).toBeVisible();
  await page.getByText('Why this answer').click();
  await expect(
    page.getByRole('table').getByText(textTitle).first(),
  ).toBeVisible();
  await saveScreenshot(page, testInfo, 'ask');
  await expectNoSeriousA11yViolations(page, testInfo, 'ask');

  await chip.click();
  const dialog = page.getByRole('dialog', { name: 'Chunk preview' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('mark')).toHaveText(sentence);
  await expect(
    dialog.getByRole('link', { name: 'Back to sources' }),
  ).toBeVisible();
  await saveScreenshot(page, testInfo, 'chunk-preview');
  await expectNoSeriousA11yViolations(page, testInfo, 'chunk-preview');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(chip).toBeFocused();
});

test('deleting the source from its detail page stops it being cited', async ({
  page,
}, testInfo) => {
  expect(textSourceUrl).not.toBe('');
  await page.goto(textSourceUrl);
  await expect(
    page.getByRole('heading', { level: 1, name: textTitle }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const confirm = page.getByRole('alertdialog', {
    name: 'Delete this source?',
  });
  await expect(confirm).toBeVisible();
  await saveScreenshot(page, testInfo, 'delete-confirm');
  await expectNoSeriousA11yViolations(page, testInfo, 'delete-confirm');
  await confirm.getByRole('button', { name: 'Delete source' }).click();
  await expect(page).toHaveURL(/\/sources$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Sources' }),
  ).toBeVisible();

  const gone = await page.request.get(`/api/v1${textSourceUrl}`);
  expect(gone.status()).toBe(404);

  await askQuestion(page);
  await expect(
    page.getByRole('button', { name: new RegExp(textTitle) }),
  ).toHaveCount(0);
  const why = page.getByText('Why this answer');
  if (await why.isVisible()) {
    await why.click();
    await expect(page.getByRole('table').getByText(textTitle)).toHaveCount(0);
  }
  await saveScreenshot(page, testInfo, 'ask-after-delete');
});

test.afterAll(async ({ request }) => {
  // Remove the uploaded file so repeated runs leave nothing behind.
  const list = await request.get(
    `/api/v1/sources?q=${encodeURIComponent(`tide-notes-${run}`)}`,
  );
  if (list.ok()) {
    const body = (await list.json()) as { items: { id: string }[] };
    for (const item of body.items) {
      await request.delete(`/api/v1/sources/${item.id}`);
    }
  }
});
