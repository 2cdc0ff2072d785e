import { expect, test } from './fixtures';
import { expectNoSeriousA11yViolations, saveScreenshot } from './support';

// Runs against the real service (BASE_URL); nothing here mocks the API.

test('the dashboard shows counts, health and version', async ({
  page,
}, testInfo) => {
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
});

test('a deep link to /sign-in loads the console', async ({
  page,
}, testInfo) => {
  const response = await page.goto('/sign-in');

  expect(response?.status()).toBe(200);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Sign in to Mini-RAG' }),
  ).toBeVisible();
  await expect(page.getByLabel('Sign-in link or token')).toBeVisible();

  await saveScreenshot(page, testInfo, 'sign-in');
  await expectNoSeriousA11yViolations(page, testInfo, 'sign-in');
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

test('a new workspace walks through the getting-started checklist until it goes away', async ({
  page,
}, testInfo) => {
  test.setTimeout(60_000);
  const name = `E2E onboarding ${Date.now().toString(36)}`;
  const csrf = (await page.context().cookies()).find(
    (c) => c.name === 'csrf_token',
  )?.value;
  expect(csrf, 'signed in (LOGIN_PATH)').toBeTruthy();
  const created = await page.request.post('/api/v1/workspaces', {
    headers: { 'X-CSRF-Token': csrf ?? '' },
    data: { name },
  });
  expect(created.status()).toBe(201);
  const workspaceId = ((await created.json()) as { id: string }).id;

  try {
    await page.goto('/');
    await page
      .getByLabel('Workspace', { exact: true })
      .selectOption({ label: `${name} (owner)` });
    const card = page.getByRole('region', { name: 'Get started' });
    await expect(card).toContainText('0 of 3 done');
    await expect(card.getByRole('listitem')).toHaveText([
      'Add a source (to do)',
      'Ask a question (to do)',
      'Create an API key (to do)',
    ]);
    await saveScreenshot(page, testInfo, 'getting-started');
    await expectNoSeriousA11yViolations(page, testInfo, 'getting-started');

    await card.getByRole('link', { name: 'Add a source' }).click();
    await expect(page).toHaveURL(/\/ingest$/);
    await page.getByLabel('Title').fill(`${name} notes`);
    await page
      .getByLabel('Text', { exact: true })
      .fill('The ferry to the lighthouse leaves at nine every morning.');
    await page.getByRole('button', { name: 'Add text' }).click();
    await expect(
      page.getByRole('list', { name: 'Text results' }).getByText('accepted'),
    ).toBeVisible();
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await expect(card).toContainText('1 of 3 done');
    await expect(card.getByRole('listitem').first()).toHaveText(
      '✓Add a source (done)',
    );

    await card.getByRole('link', { name: 'Ask a question' }).click();
    await expect(page).toHaveURL(/\/ask$/);
    const box = page.getByLabel('Your question');
    await box.fill('When does the ferry to the lighthouse leave?');
    await box.press('Control+Enter');
    await expect(
      page
        .getByText('Why this answer')
        .or(page.getByText('No source passage supports')),
    ).toBeVisible({ timeout: 20_000 });
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await expect(card).toContainText('2 of 3 done');

    await card.getByRole('link', { name: 'Create an API key' }).click();
    await expect(page).toHaveURL(/\/admin\/api-keys$/);
    await page.getByLabel('Name').fill(`${name} key`);
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', {
      name: `API key “${name} key” created`,
    });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toHaveCount(0);
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();

    await expect(
      page.getByRole('heading', { level: 2, name: 'Service status' }),
    ).toBeVisible();
    await expect(card).toHaveCount(0);
    // The service agrees that every step is done (the card is not merely still loading).
    const onboarding = await page.request.get('/api/v1/onboarding', {
      headers: { 'X-Workspace-Id': workspaceId },
    });
    expect(await onboarding.json()).toMatchObject({
      workspaceId,
      sourceAdded: true,
      questionAsked: true,
      apiKeyCreated: true,
    });
  } finally {
    const deleted = await page.request.delete('/api/v1/workspaces/current', {
      headers: { 'X-CSRF-Token': csrf ?? '', 'X-Workspace-Id': workspaceId },
    });
    expect(deleted.status()).toBe(204);
  }
});
