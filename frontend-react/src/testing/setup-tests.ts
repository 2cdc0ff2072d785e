// As in the browser (main.tsx): zod without `new Function`.
import '@/lib/zod-config';
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';

import { server } from './mocks/server';

// Screens that wait for /me make two round trips before they show; a busy CI machine needs
// more than the default second for that.
configure({ asyncUtilTimeout: 10_000 });

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  // jsdom does no layout, so it has no scrollIntoView; a spy lets tests see what was scrolled to.
  Element.prototype.scrollIntoView = vi.fn();
});

afterEach(() => {
  cleanup();
  server.resetHandlers();
  // The chosen workspace and the return path live in browser storage; tests start clean.
  window.localStorage.clear();
  window.sessionStorage.clear();
});

afterAll(() => {
  server.close();
});
