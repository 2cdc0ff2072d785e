import {
  test as base,
  expect,
  type BrowserContext,
  type ConsoleMessage,
} from '@playwright/test';

/**
 * Every spec imports `test` from here (ESLint refuses `test` from '@playwright/test' in e2e/), so
 * every test fails on what a person with the browser's developer tools open would see as an error
 * on a console screen: a console error (including "Failed to load resource" for a 4xx or 5xx), an
 * uncaught exception, or a Content-Security-Policy violation. That covers the test's own page and
 * every browser context it opens. Pages on another origin (an identity provider's sign-in form) are
 * not the console's and are not judged.
 *
 * An error a test provokes on purpose is allowed in that test only, narrowly, with a reason:
 *
 *   consoleErrors.allow(/status of 429 .* @ .*\/api\/v1\/sources\/text$/, 'the limit under test');
 *
 * The pattern is matched against "<message> @ <url the browser names>". An allowance that matched
 * nothing also fails the test, so none outlives the behaviour it was written for.
 */
export type ConsoleErrors = {
  allow(pattern: RegExp, reason: string): void;
};

type Allowance = { pattern: RegExp; reason: string; used: number };

const CSP_BINDING = '__miniRagReportCspViolation';

/**
 * Reports CSP violations through a binding, so they count even where the browser would not log
 * them. A string, not a function: this project's Node-side TypeScript has no DOM types.
 */
const reportCspViolations = `document.addEventListener('securitypolicyviolation', (event) => {
  const report = window['${CSP_BINDING}'];
  if (report) {
    report('CSP violation: ' + event.violatedDirective + ' blocked ' +
      (event.blockedURI || '(inline)') + ' on ' + event.documentURI);
  }
});`;

export const test = base.extend<{ consoleErrors: ConsoleErrors }>({
  consoleErrors: [
    async ({ browser, context, baseURL }, use, testInfo) => {
      const origin = new URL(baseURL ?? 'http://127.0.0.1:8080').origin;
      const seen: string[] = [];
      const allowances: Allowance[] = [];
      const isConsolePage = (url: string | undefined) => {
        if (!url || url === 'about:blank') {
          return true;
        }
        try {
          return new URL(url).origin === origin;
        } catch {
          return true;
        }
      };
      const record = (text: string) => {
        const allowance = allowances.find((a) => a.pattern.test(text));
        if (allowance) {
          allowance.used += 1;
        } else {
          seen.push(text);
        }
      };
      const onConsole = (message: ConsoleMessage) => {
        if (message.type() !== 'error') {
          return;
        }
        if (!isConsolePage(message.page()?.url())) {
          return;
        }
        record(`${message.text()} @ ${message.location().url || '(no url)'}`);
      };
      const watch = async (watched: BrowserContext) => {
        watched.on('console', onConsole);
        watched.on('weberror', (webError) => {
          if (isConsolePage(webError.page()?.url())) {
            record(
              `Uncaught ${webError.error().message} @ ${webError.page()?.url() ?? '(no page)'}`,
            );
          }
        });
        await watched.exposeBinding(CSP_BINDING, ({ page }, text: string) => {
          if (isConsolePage(page.url())) {
            record(text);
          }
        });
        await watched.addInitScript({ content: reportCspViolations });
      };
      // Contexts a test opens itself (another person, a fresh browser) are watched as well.
      const pending: Promise<void>[] = [];
      const onContext = (opened: BrowserContext) => {
        pending.push(watch(opened));
      };
      await watch(context);
      browser.on('context', onContext);

      await use({
        allow(pattern, reason) {
          expect(reason, 'say why the error is expected').not.toBe('');
          allowances.push({ pattern, reason, used: 0 });
        },
      });

      browser.off('context', onContext);
      await Promise.all(pending);
      expect(seen, 'errors in the browser console').toEqual([]);
      if (testInfo.status !== testInfo.expectedStatus) {
        return; // it failed before reaching what the allowance was for: say only that
      }
      expect(
        allowances
          .filter((a) => a.used === 0)
          .map((a) => `${a.pattern.source} (${a.reason})`),
        'allowed console errors that never happened',
      ).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
