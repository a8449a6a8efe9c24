import { defineConfig } from 'vitest/config';

// Unit and integration tests (SQLite by default; PostgreSQL when FANGKONG_TEST_DATABASE_URL is set).
// Browser tests have their own config (test/browser/vitest.config.ts) and need a built web app.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
