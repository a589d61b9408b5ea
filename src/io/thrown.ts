import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assetRoot } from './package-root.js';

/**
 * One line for an error thrown by blueprint code: its message and, when the stack has one, the first frame in
 * the blueprint's own sources (the compiled module is source-mapped, so that is the user's file and line), e.g.
 * `Cannot read properties of undefined (at blueprints/service.ts:12:5)`. Frames in catalyst-gen's own files, in
 * node_modules and in Node.js are skipped.
 */
export function describeThrown(e: unknown, cwd: string = process.cwd()): string {
  const message = e instanceof Error ? e.message : String(e);
  const stack = e instanceof Error ? (e.stack ?? '') : '';
  const own = assetRoot() + sep;
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?[^():]+?):(\d+):(\d+)\)?$/.exec(line.trim().replace(/^at\s+/, ''));
    if (!m) continue;
    const file = m[1]!.startsWith('file://') ? fileURLToPath(m[1]!) : m[1]!;
    if (!isAbsolute(file) || file.startsWith(own) || file.includes(`${sep}node_modules${sep}`)) continue;
    const rel = relative(cwd, file);
    return `${message} (at ${rel.startsWith('..') || isAbsolute(rel) ? file : rel}:${m[2]}:${m[3]})`;
  }
  return message;
}
