import type { Blueprint, BlueprintMeta } from '../src/index.js';
import { meta as starter } from './starter/meta.js';
import { meta as threeTierWeb } from './three-tier-web/meta.js';
import { meta as privateBuild } from './private-build/meta.js';
import { meta as secureCdkPipeline } from './secure-cdk-pipeline/meta.js';
import { meta as multiAccountControl } from './multi-account-control/meta.js';
import { meta as serverlessPython } from './serverless-python/meta.js';
import { meta as blueprintPackage } from './blueprint-package/meta.js';

/**
 * The built-in catalogue as the CLI sees it: each blueprint's metadata (its own `meta.ts`, which the blueprint
 * spreads into its definition, so it is written once) and a loader that imports that one blueprint's module,
 * so `new <id>` and `show <id>` load only the blueprint asked for. `index.ts`, which imports every blueprint, is
 * the eager form for tests and the build.
 */
export interface CatalogueEntry extends BlueprintMeta {
  load(): Promise<Blueprint<any>>;
}

/** In the order `list` shows it. */
export const catalogueEntries: readonly CatalogueEntry[] = [
  { ...starter, load: async () => (await import('./starter/index.js')).starter },
  { ...threeTierWeb, load: async () => (await import('./three-tier-web/index.js')).threeTierWeb },
  { ...privateBuild, load: async () => (await import('./private-build/index.js')).privateBuild },
  { ...secureCdkPipeline, load: async () => (await import('./secure-cdk-pipeline/index.js')).secureCdkPipeline },
  { ...multiAccountControl, load: async () => (await import('./multi-account-control/index.js')).multiAccountControl },
  { ...serverlessPython, load: async () => (await import('./serverless-python/index.js')).serverlessPython },
  { ...blueprintPackage, load: async () => (await import('./blueprint-package/index.js')).blueprintPackage },
];

/** Every blueprint, loaded (the same blueprints, in the same order, as `catalogue` in `index.ts`). */
export async function loadCatalogue(): Promise<Blueprint<any>[]> {
  return Promise.all(catalogueEntries.map((e) => e.load()));
}
