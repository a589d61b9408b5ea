import type { BlueprintMeta } from '../../src/index.js';

/** What `list` shows of this blueprint without loading it; the blueprint itself spreads it in. */
export const meta = {
  id: 'blueprint-package',
  displayName: 'Blueprint package',
  description:
    'A package for a blueprint of your own (what "catalyst-gen blueprint init" makes): the blueprint in TypeScript, a Handlebars template, tests with the catalyst-gen test kit, ready to use from its folder or to publish to npm or CodeArtifact.',
  version: '1.0.0',
} as const satisfies BlueprintMeta;
