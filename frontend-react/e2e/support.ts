import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';

import { expect } from './fixtures';

export async function saveScreenshot(
  page: Page,
  testInfo: TestInfo,
  name: string,
) {
  const file = path.join(
    testInfo.project.outputDir,
    'screenshots',
    `${name}.png`,
  );
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/** Runs axe (WCAG 2.x A/AA) on the page and fails on serious or critical violations. */
export async function expectNoSeriousA11yViolations(
  page: Page,
  testInfo: TestInfo,
  name: string,
) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations.filter(
    (violation) =>
      violation.impact === 'serious' || violation.impact === 'critical',
  );
  const summary = JSON.stringify(
    {
      screen: name,
      passes: results.passes.length,
      violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => n.target),
      })),
    },
    null,
    2,
  );
  // Kept next to the screenshots so a run leaves its accessibility record behind.
  const dir = path.join(testInfo.project.outputDir, 'axe');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${name}.json`), summary);
  await testInfo.attach(`axe-${name}`, {
    body: summary,
    contentType: 'application/json',
  });
  expect(
    serious.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
    `axe on ${name}`,
  ).toEqual([]);
}
