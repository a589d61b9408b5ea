import type { BlueprintMeta } from '../../src/index.js';

/** What `list` shows of this blueprint without loading it; the blueprint itself spreads it in. */
export const meta = {
  id: 'starter',
  displayName: 'Starter',
  description: 'A minimal repository: README and .gitignore. Useful to try catalyst-gen or to start from nothing.',
  version: '1.0.0',
} as const satisfies BlueprintMeta;
