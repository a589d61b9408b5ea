import type { BlueprintMeta } from '../../src/index.js';

/** What `list` shows of this blueprint without loading it; the blueprint itself spreads it in. */
export const meta = {
  id: 'serverless-python',
  displayName: 'Serverless Python (event-driven)',
  description:
    'Event-driven image recognition in Python (API Gateway, Lambda, S3, SNS, SQS, Rekognition, DynamoDB) in a CDK app, with pytest in the workflows and pip through CodeArtifact when asked.',
  version: '2.0.0',
} as const satisfies BlueprintMeta;
