import { defineConfig } from 'vitest/config';

// `npm run test:e2e`: the slow end-to-end tests (real npm installs of this package's packed tarball) and the
// reliability suites (hostile input and faults, against the installed command in processes of its own).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts', 'test/reliability/**/*.test.ts', 'test/matrix/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
