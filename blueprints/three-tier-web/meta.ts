import type { BlueprintMeta } from '../../src/index.js';

/** What `list` shows of this blueprint without loading it; the blueprint itself spreads it in. */
export const meta = {
  id: 'three-tier-web',
  displayName: 'Three-tier web application',
  description:
    'Web front end (S3 + CloudFront), Python API (API Gateway + Lambda) and DynamoDB in a CDK app, with a DynamoDB Local Dev Environment and workflows that deploy dev -> test -> approval -> prod across accounts.',
  version: '2.0.0',
} as const satisfies BlueprintMeta;
