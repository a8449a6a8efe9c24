import { defineConfig } from 'vitest/config';

// Browser tests: the built web app (npm run build) served by a real server, driven in Debian's chromium.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
