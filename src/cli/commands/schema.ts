import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../errors.js';
import { assetRoot } from '../../io/package-root.js';
import { readSchema } from '../../validate/schemas.js';
import { closest } from '../../validate/suggest.js';
import type { Output } from '../output.js';

export function runSchema(kind: string | undefined, o: Output): void {
  const names = readdirSync(join(assetRoot(), 'schemas'))
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => f.slice(0, -'.schema.json'.length))
    .sort();
  if (!kind) {
    o.out(names.join('\n'));
    return;
  }
  if (!names.includes(kind)) {
    const guess = closest(kind, names);
    throw new UsageError(`No schema "${kind}".${guess ? ` Did you mean "${guess}"?` : ''} Available: ${names.join(', ')}.`);
  }
  o.out(JSON.stringify(readSchema(kind), null, 2));
}
