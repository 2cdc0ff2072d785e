import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import {
  errorBody,
  onboardingDone,
  ownerMe,
  readerMe,
} from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const fresh = {
  ...onboardingDone,
  sourceAdded: false,
  questionAsked: false,
  apiKeyCreated: false,
};

/** Answers `/onboarding` with `body()` (read at each call) and counts the calls. */
function onboarding(body: () => object) {
  const calls = { count: 0 };
  server.use(
    http.get('/api/v1/onboarding', () => {
      calls.count += 1;
      return HttpResponse.json(body());
    }),
  );
  return calls;
}

describe('Getting started', () => {
  it('lists the three steps of an empty workspace, each linking to its screen', async () => {
    onboarding(() => fresh);
    renderApp('/');

    const card = await screen.findByRole('region', { name: 'Get started' });
    expect(card).toHaveTextContent('0 of 3 done');
    const items = within(card).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Add a source (to do)',
      'Ask a question (to do)',
      'Create an API key (to do)',
    ]);
    const links = within(card).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/ingest',
      '/ask',
      '/admin/api-keys',
    ]);
  });

  it('ticks what the service says is done', async () => {
    onboarding(() => ({ ...fresh, sourceAdded: true, apiKeyCreated: true }));
    renderApp('/');

    const card = await screen.findByRole('region', { name: 'Get started' });
    expect(card).toHaveTextContent('2 of 3 done');
    expect(
      within(card)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      '✓Add a source (done)',
      'Ask a question (to do)',
      '✓Create an API key (done)',
    ]);
  });

  it('asks again when the dashboard is shown again, and goes away once every step is done', async () => {
    let state = { ...fresh };
    const calls = onboarding(() => state);
    const user = userEvent.setup();
    const { router } = renderApp('/');

    const card = await screen.findByRole('region', { name: 'Get started' });
    await user.click(
      within(card).getByRole('link', { name: 'Ask a question' }),
    );
    expect(router.state.location.pathname).toBe('/ask');

    // Meanwhile the rest was done too (here, or by another member elsewhere).
    state = { ...onboardingDone };
    await user.click(screen.getByRole('link', { name: 'Dashboard' }));
    await waitFor(() => {
      expect(calls.count).toBe(2);
    });
    await waitFor(() => {
      expect(screen.queryByRole('region', { name: 'Get started' })).toBeNull();
    });
    expect(
      screen.getByRole('heading', { level: 1, name: 'Dashboard' }),
    ).toBeVisible();
  });

  it('is not shown when every step is done', async () => {
    const calls = onboarding(() => onboardingDone);
    renderApp('/');

    await waitFor(() => {
      expect(calls.count).toBe(1);
    });
    // The usage card loads from another call; once it shows, the dashboard has settled.
    await screen.findByLabelText('Plan');
    expect(screen.queryByRole('region', { name: 'Get started' })).toBeNull();
  });

  it('is for workspace admins only: a reader neither sees it nor asks for it', async () => {
    const calls = onboarding(() => fresh);
    renderApp('/', { me: readerMe });

    await screen.findByLabelText('Plan');
    expect(screen.queryByRole('region', { name: 'Get started' })).toBeNull();
    expect(calls.count).toBe(0);
  });

  it('says so when the steps cannot be loaded', async () => {
    server.use(
      http.get('/api/v1/onboarding', () =>
        HttpResponse.json(errorBody(500, 'Internal server error'), {
          status: 500,
        }),
      ),
    );
    renderApp('/', { me: ownerMe });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the getting-started steps');
    expect(alert).toHaveTextContent('req-500');
  });
});
