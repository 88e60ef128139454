import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { leanTopicsPlugin } from './data/lean-pack-plugin';

export default defineConfig({
  plugins: [WxtVitest(), leanTopicsPlugin()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/bench/**/*.test.ts', 'lib/**/*.test.{ts,tsx}', 'components/**/*.test.{ts,tsx}'],
    environment: 'node',
    // The corpus tests read 150 real pages: give them room on a 2-core machine.
    testTimeout: 60_000,
    pool: 'forks',
  },
});
