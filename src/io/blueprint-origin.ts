import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { RecordedSource } from '../model/blueprint-source.js';

/** Where a loaded blueprint came from, on this machine. */
export type BlueprintOrigin =
  | { readonly type: 'builtin' }
  /** The file or folder as given, made absolute. */
  | { readonly type: 'path'; readonly path: string }
  | { readonly type: 'package'; readonly name: string; readonly version: string; readonly dir: string };

/** What the manifest records for a blueprint's origin, paths relative to the project folder. */
export function recordedSource(origin: BlueprintOrigin, projectDir: string): RecordedSource {
  switch (origin.type) {
    case 'builtin':
      return { type: 'builtin' };
    case 'path': {
      const rel = relative(resolve(projectDir), origin.path).split(sep).join('/');
      return { type: 'path', path: rel === '' ? '.' : isAbsolute(rel) ? origin.path : rel };
    }
    case 'package':
      return { type: 'package', name: origin.name, version: origin.version };
  }
}

/** How an origin reads in messages: `built-in`, `./blueprints/service.ts`, `@acme/service 1.2.0`. */
export function describeOrigin(origin: BlueprintOrigin, cwd: string): string {
  if (origin.type === 'builtin') return 'built-in';
  if (origin.type === 'package') return `${origin.name} ${origin.version}`;
  const rel = relative(cwd, origin.path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? origin.path : `./${rel.split(sep).join('/')}`;
}
