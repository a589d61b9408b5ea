import type { BlueprintMeta } from '../../src/index.js';

/** What `list` shows of this blueprint without loading it; the blueprint itself spreads it in. */
export const meta = {
  id: 'private-build',
  displayName: 'Private build (VPC + CodeArtifact)',
  description:
    'CodeBuild in a private VPC without internet: buildspec with the CodeArtifact login, VPC endpoints template, least-privilege role policy, a CodePipeline (CDK) or CodeCatalyst workflow, and a sample app whose dependency comes through CodeArtifact.',
  version: '1.2.0',
} as const satisfies BlueprintMeta;
