import { catalogue } from '../../blueprints/index.js';
import { UsageError } from '../errors.js';
import type { Blueprint } from '../model/blueprint.js';
import { closest } from '../validate/suggest.js';

export function findBlueprint(id: string): Blueprint<any> {
  const bp = catalogue.find((b) => b.id === id);
  if (bp) return bp;
  const guess = closest(id, catalogue.map((b) => b.id));
  throw new UsageError(
    `Unknown blueprint "${id}".${guess ? ` Did you mean "${guess}"?` : ''} Run "catalyst-gen list" to see the catalogue.`,
  );
}

export { catalogue };
