import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the live tests talk to a real service, which embeds and answers on a shared machine
    testTimeout: 60_000,
  },
});
