import { defineConfig } from 'vitest/config';

/**
 * The suite must pass on a 2-core machine that other work keeps busy: no test asserts on time,
 * and the timeouts below only catch a hang (a test that takes 10 s unloaded may take 40 s there).
 * Two test files at a time: each starts processes of its own (CLI, host, worker), so more files
 * in parallel only make each slower.
 */
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['tests/support/global-setup.ts'],
  },
});
