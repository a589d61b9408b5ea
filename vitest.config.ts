import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The slow end-to-end tests (real npm installs; the reliability suites, which run the installed command in
    // hundreds of processes) run with `npm run test:e2e` (vitest.e2e.config.ts).
    exclude: [...configDefaults.exclude, 'test/e2e/**', 'test/reliability/**', 'test/matrix/**'],
    globalSetup: ['test/global-setup.ts'],
    // CDK synthesis and tsc runs are slow on a 2-core machine; keep per-test limits generous.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
