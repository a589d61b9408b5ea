import type { Blueprint } from '../src/index.js';

/**
 * The catalogue as the CLI sees it: each blueprint's metadata, for `list`, and a loader that imports that one
 * blueprint's module, so `new <id>` and `show <id>` load only the blueprint asked for. The metadata repeats what
 * each blueprint defines; `test/cli/catalogue-entries.test.ts` checks the two agree, and `index.ts` (which
 * imports every blueprint) is the eager form for tests and the build.
 */
export interface CatalogueEntry {
  readonly id: string;
  readonly displayName: string;
  readonly version: string;
  readonly description: string;
  load(): Promise<Blueprint<any>>;
}

/** In the order `list` shows it. */
export const catalogueEntries: readonly CatalogueEntry[] = [
  {
    id: 'starter',
    displayName: 'Starter',
    version: '1.0.0',
    description:
      'A minimal repository: README and .gitignore. Useful to try catalyst-gen or to start from nothing.',
    load: async () => (await import('./starter/index.js')).starter,
  },
  {
    id: 'three-tier-web',
    displayName: 'Three-tier web application',
    version: '1.1.0',
    description:
      'Web front end (S3 + CloudFront), Python API (API Gateway + Lambda) and DynamoDB in a CDK app, with a DynamoDB Local Dev Environment and workflows that deploy dev -> test -> approval -> prod across accounts.',
    load: async () => (await import('./three-tier-web/index.js')).threeTierWeb,
  },
  {
    id: 'private-build',
    displayName: 'Private build (VPC + CodeArtifact)',
    version: '1.1.0',
    description:
      'CodeBuild in a private VPC without internet: buildspec with the CodeArtifact login, VPC endpoints template, least-privilege role policy, a CodePipeline (CDK) or CodeCatalyst workflow, and a sample app whose dependency comes through CodeArtifact.',
    load: async () => (await import('./private-build/index.js')).privateBuild,
  },
  {
    id: 'secure-cdk-pipeline',
    displayName: 'Secure CDK pipeline',
    version: '1.0.0',
    description:
      'A CDK Pipelines app with a security approval (SNS e-mail) before every stage when permissions broaden, and a permission boundary per stage.',
    load: async () => (await import('./secure-cdk-pipeline/index.js')).secureCdkPipeline,
  },
  {
    id: 'multi-account-control',
    displayName: 'Multi-account control',
    version: '1.0.0',
    description:
      'One security control (AWS Config managed rules) deployed in parallel into many AWS accounts from one CodeCatalyst workflow, with an optional approval before production accounts.',
    load: async () => (await import('./multi-account-control/index.js')).multiAccountControl,
  },
  {
    id: 'serverless-python',
    displayName: 'Serverless Python (event-driven)',
    version: '1.1.0',
    description:
      'Event-driven image recognition in Python (API Gateway, Lambda, S3, SNS, SQS, Rekognition, DynamoDB) in a CDK app, with pytest in the workflows and pip through CodeArtifact when asked.',
    load: async () => (await import('./serverless-python/index.js')).serverlessPython,
  },
];

/** Every blueprint, loaded (the same blueprints, in the same order, as `catalogue` in `index.ts`). */
export async function loadCatalogue(): Promise<Blueprint<any>[]> {
  return Promise.all(catalogueEntries.map((e) => e.load()));
}
