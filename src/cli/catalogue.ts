import { catalogueEntries } from '../../blueprints/catalogue.js';
import { UsageError } from '../errors.js';
import type { Blueprint } from '../model/blueprint.js';
import { closest } from '../validate/suggest.js';

/** Load the blueprint of this id (only its module), or fail with a usage error that suggests the closest id. */
export async function findBlueprint(id: string): Promise<Blueprint<any>> {
  const entry = catalogueEntries.find((b) => b.id === id);
  if (entry) return entry.load();
  const guess = closest(id, catalogueEntries.map((b) => b.id));
  throw new UsageError(
    `Unknown blueprint "${id}".${guess ? ` Did you mean "${guess}"?` : ''} Run "catalyst-gen list" to see the catalogue.`,
  );
}

/** The catalogue's metadata, without loading any blueprint. */
export { catalogueEntries as catalogue };
