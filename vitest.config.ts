import { defineConfig } from 'vitest/config';

// Temporal test servers are heavy: one process per file, files one after another, so a
// time-skipping environment never competes with another for the two cores.
export default defineConfig({
  test: {
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    include: ['test/**/*.test.ts'],
    // Every answer of the API the tests receive is checked against the OpenAPI document.
    setupFiles: ['test/support/contract-setup.ts'],
  },
});
