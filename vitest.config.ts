import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // CDK synthesis and tsc runs are slow on a 2-core machine; keep per-test limits generous.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
