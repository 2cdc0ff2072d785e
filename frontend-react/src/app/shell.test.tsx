import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { renderApp } from '@/testing/test-utils';

describe('shell', () => {
  it('has a skip link, a main landmark and the sidebar navigation', () => {
    renderApp('/');

    expect(
      screen.getByRole('link', { name: 'Skip to content' }),
    ).toHaveAttribute('href', '#main');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    for (const [name, href] of [
      ['Dashboard', '/'],
      ['Ask', '/ask'],
      ['Sources', '/sources'],
      ['Ingest', '/ingest'],
    ] as const) {
      expect(within(nav).getByRole('link', { name })).toHaveAttribute(
        'href',
        href,
      );
    }
    expect(
      within(nav).getByRole('link', { name: 'Dashboard' }),
    ).toHaveAttribute('aria-current', 'page');
  });

  it.each([
    ['/ask', 'Ask'],
    ['/sources', 'Sources'],
    ['/ingest', 'Ingest'],
  ])('deep link %s shows its page, title and breadcrumbs', (path, title) => {
    renderApp(path);

    expect(
      screen.getByRole('heading', { level: 1, name: title }),
    ).toBeInTheDocument();
    expect(document.title).toBe(`${title} · Mini-RAG`);
    const crumbs = screen.getByRole('navigation', { name: 'Breadcrumb' });
    expect(
      within(crumbs).getByRole('link', { name: 'Mini-RAG' }),
    ).toHaveAttribute('href', '/');
    expect(within(crumbs).getByText(title)).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('moves focus to the main landmark after navigating', async () => {
    const user = userEvent.setup();
    renderApp('/');

    await user.click(screen.getByRole('link', { name: 'Ingest' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Ingest' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveFocus();
  });
});
