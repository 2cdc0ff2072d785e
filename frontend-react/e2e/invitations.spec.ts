import { expect, test } from './fixtures';
import { expectNoSeriousA11yViolations, saveScreenshot } from './support';

// A person invited before they had an account. ConsoleBrowserIT invites them to the admin's second
// workspace (to accept) and to the default workspace (to decline), lets them sign in once (they get
// a workspace of their own) and gives them a sign-in link.
const inviteeLoginPath = process.env.INVITEE_LOGIN_PATH ?? '';
const secondWorkspace = process.env.E2E_SECOND_WORKSPACE ?? '';
const signedOut = { cookies: [], origins: [] };

test('an invited person accepts one invitation and declines another on their dashboard', async ({
  browser,
}, testInfo) => {
  expect(
    inviteeLoginPath,
    'needs the invitee ConsoleBrowserIT prepares',
  ).not.toBe('');
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    storageState: signedOut,
  });
  try {
    const response = await context.request.get(inviteeLoginPath, {
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    const page = await context.newPage();
    await page.goto('/');

    const invitations = page.getByRole('region', {
      name: 'Invitations',
      exact: true,
    });
    await expect(invitations.getByRole('listitem')).toHaveCount(2);
    await expect(invitations).toContainText(
      `admin@localhost invited you to ${secondWorkspace} as editor`,
    );
    await saveScreenshot(page, testInfo, 'my-invitations');
    await expectNoSeriousA11yViolations(page, testInfo, 'my-invitations');

    await invitations
      .getByRole('button', {
        name: `Accept the invitation to ${secondWorkspace}`,
      })
      .click();
    await expect(page.getByText(`You joined ${secondWorkspace}`)).toBeVisible();
    const switcher = page.getByLabel('Workspace', { exact: true });
    await expect(
      switcher.getByRole('option', { name: secondWorkspace }),
    ).toHaveCount(1);

    await invitations
      .getByRole('button', {
        name: 'Decline the invitation to Default workspace',
      })
      .click();
    await expect(invitations).toHaveCount(0);
    await expect(
      switcher.getByRole('option', { name: 'Default workspace' }),
    ).toHaveCount(0);
  } finally {
    await context.close();
  }
});
