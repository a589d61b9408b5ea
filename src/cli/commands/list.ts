import { catalogue } from '../catalogue.js';
import { table, type Output } from '../output.js';

export function runList(opts: { json?: boolean }, o: Output): void {
  if (opts.json) {
    o.out(JSON.stringify(catalogue.map((b) => ({ id: b.id, displayName: b.displayName, version: b.version, description: b.description })), null, 2));
    return;
  }
  o.out(table([['ID', 'VERSION', 'DESCRIPTION'], ...catalogue.map((b) => [b.id, b.version, b.description])]));
}
