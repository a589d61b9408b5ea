import type { BlueprintMeta } from '../../src/index.js';

/** What `list` shows of this blueprint without loading it; the blueprint itself spreads it in. */
export const meta = {
  id: 'multi-account-control',
  displayName: 'Multi-account control',
  description:
    'One security control (AWS Config managed rules) deployed in parallel into many AWS accounts from one CodeCatalyst workflow, with an optional approval before production accounts.',
  version: '1.0.0',
} as const satisfies BlueprintMeta;
