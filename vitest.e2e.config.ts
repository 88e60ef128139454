import { defineConfig } from 'vitest/config';

/** End-to-end tests in real browsers: one file at a time (each starts its own browser). */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
