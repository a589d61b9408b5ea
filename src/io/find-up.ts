import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The first `name` (a file or a relative path) found in `from` or one of its parents. */
export function findUp(from: string, name: string): string | undefined {
  for (let d = from; ; ) {
    const p = join(d, name);
    if (existsSync(p)) return p;
    const parent = dirname(d);
    if (parent === d) return undefined;
    d = parent;
  }
}
