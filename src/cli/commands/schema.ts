import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../errors.js';
import { assetRoot } from '../../io/package-root.js';
import { schemaDocument } from '../../io/schema-document.js';
import { closest } from '../../validate/suggest.js';
import type { Output } from '../output.js';

export async function runSchema(kind: string | undefined, flags: { readonly lenient?: boolean }, o: Output): Promise<void> {
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
  if (flags.lenient && kind !== 'workflow') throw new UsageError(`--lenient is for the workflow schema only; "${kind}" has no lenient forms.`);
  o.out(JSON.stringify(schemaDocument(kind, flags.lenient ?? false), null, 2));
}
