import type { BlueprintMeta } from '../../src/index.js';

/** What `list` shows of this blueprint without loading it; the blueprint itself spreads it in. */
export const meta = {
  id: 'secure-cdk-pipeline',
  displayName: 'Secure CDK pipeline',
  description:
    'A CDK Pipelines app with a security approval (SNS e-mail) before every stage when permissions broaden, and a permission boundary per stage.',
  version: '2.0.0',
} as const satisfies BlueprintMeta;
