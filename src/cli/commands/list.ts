import { loadCatalogueItems, processCatalogueContext, type CatalogueContext } from '../catalogue.js';
import { table, type Output } from '../output.js';

/** The catalogue: built-in blueprints, then those of the catalogue files that apply here (with their source). */
export async function runList(opts: { json?: boolean }, o: Output, ctx: CatalogueContext = processCatalogueContext((l) => o.err(l))): Promise<void> {
  const items = await loadCatalogueItems(ctx);
  if (opts.json) {
    o.out(JSON.stringify(items.map((b) => ({ id: b.id, displayName: b.displayName, version: b.version, description: b.description, source: b.source })), null, 2));
    return;
  }
  // The source column only when something comes from elsewhere than the built-in catalogue.
  const sources = items.some((b) => b.source !== 'built-in');
  const rows = items.map((b) => (sources ? [b.id, b.version, b.source, b.description] : [b.id, b.version, b.description]));
  o.out(table([sources ? ['ID', 'VERSION', 'SOURCE', 'DESCRIPTION'] : ['ID', 'VERSION', 'DESCRIPTION'], ...rows]));
}
