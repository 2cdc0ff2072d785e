import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import {
  ownerMe,
  readerMe,
  textSource,
  textSourceDetail,
} from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

function navLinks() {
  return within(screen.getByRole('navigation', { name: 'Main' }))
    .getAllByRole('link')
    .map((link) => link.textContent);
}

describe('role-aware console', () => {
  it('shows an owner and admin the Ingest and Admin entries', () => {
    renderApp('/');

    expect(navLinks()).toEqual([
      'Dashboard',
      'Ask',
      'Sources',
      'Ingest',
      'Jobs',
      'Billing',
      'Admin',
    ]);
    expect(screen.getByRole('link', { name: 'Admin' })).toHaveAttribute(
      'href',
      '/admin',
    );
  });

  it('shows an editor Ingest but no Admin', () => {
    renderApp('/', {
      me: {
        ...ownerMe,
        systemAdmin: false,
        role: 'editor',
        permissions: ['read', 'write'],
      },
    });

    expect(navLinks()).toEqual([
      'Dashboard',
      'Ask',
      'Sources',
      'Ingest',
      'Jobs',
    ]);
  });

  it('shows a system admin without workspace admin rights the Admin entry', () => {
    renderApp('/', {
      me: {
        ...readerMe,
        systemAdmin: true,
        permissions: ['read', 'system_admin'],
      },
    });

    expect(navLinks()).toEqual([
      'Dashboard',
      'Ask',
      'Sources',
      'Jobs',
      'Admin',
    ]);
  });

  it('shows a reader neither Ingest nor Admin', () => {
    renderApp('/', { me: readerMe });

    expect(navLinks()).toEqual(['Dashboard', 'Ask', 'Sources', 'Jobs']);
  });

  it('tells a reader who deep-links to /ingest that they have no access', () => {
    renderApp('/ingest', { me: readerMe });

    expect(
      screen.getByRole('heading', { level: 1, name: 'Ingest' }),
    ).toBeVisible();
    expect(
      screen.getByText('You don’t have access to this page'),
    ).toBeVisible();
    expect(screen.getByText(/yours is reader/)).toBeVisible();
    expect(screen.queryByLabelText('Choose files')).toBeNull();
    expect(within(screen.getByRole('main')).queryByRole('button')).toBeNull();
  });

  it('shows a reader a source without delete or refresh', async () => {
    server.use(
      http.get('/api/v1/sources/src-1', () =>
        HttpResponse.json({
          ...textSourceDetail,
          kind: 'url',
          uri: 'https://example.com/a',
        }),
      ),
    );
    renderApp('/sources/src-1', { me: readerMe });

    expect(
      await screen.findByRole('heading', { level: 1, name: textSource.title }),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Refresh' })).toBeNull();
  });

  it('shows an editor the same source with delete and refresh', async () => {
    server.use(
      http.get('/api/v1/sources/src-1', () =>
        HttpResponse.json({
          ...textSourceDetail,
          kind: 'url',
          uri: 'https://example.com/a',
        }),
      ),
    );
    renderApp('/sources/src-1');

    expect(await screen.findByRole('button', { name: 'Delete' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeVisible();
  });

  it('offers a reader no link to add sources on the empty list', async () => {
    renderApp('/sources', { me: readerMe });

    expect(await screen.findByText(/No sources yet/)).toBeVisible();
    expect(screen.queryByRole('link', { name: 'Add sources' })).toBeNull();
  });
});
