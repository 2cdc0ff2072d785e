import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The backend (Dropwizard) serves the built console from the jar's /console folder at `/`
// and answers index.html for unknown non-API paths, so client-side deep links work.
export default defineConfig({
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  build: {
    // Relative to frontend-react/: Maven packages target/classes into the jar, so this lands at /console.
    outDir: 'target/classes/console',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': process.env.API_PROXY ?? 'http://localhost:8080',
    },
  },
  // `vite preview` serves the build (for end-to-end runs against it); /api goes to a service.
  preview: {
    proxy: {
      '/api': process.env.API_PROXY ?? 'http://localhost:8080',
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/testing/setup-tests.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    // A deadline for stuck tests, not a speed check: shared CI machines can be slow.
    testTimeout: 30_000,
  },
});
