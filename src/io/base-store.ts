import type { FileMap } from '../model/file-map.js';
import { baseHash, sha256, type Manifest } from './manifest.js';
import type { TargetFolder } from './target.js';

/**
 * Where the base of each three-way merge lives: `.catalyst-gen/base/<path>` holds, byte for byte, what the
 * blueprint rendered for `<path>` the last time the project absorbed a render. It is written in the same
 * transaction as the files and the manifest, and its sha256 is recorded in the manifest (`base`, or `sha256`
 * when the file was written as rendered), so a copy that was edited or lost is detected, never trusted.
 *
 * Why store the content rather than re-render it: the base must be what the *old* blueprint version rendered
 * with the *old* options, and after an upgrade only the new blueprint code is installed. Re-rendering is still
 * tried as a fallback when a copy is missing (it works whenever the blueprint's output did not change), and a
 * file that still has exactly the hash written is its own base. Commit the folder with the project: without it
 * an update can only replace untouched files and reports every edited one as a conflict.
 */
export const BASE_DIR = '.catalyst-gen/base';

export function basePath(path: string): string {
  return `${BASE_DIR}/${path}`;
}

/**
 * The verified base content of every manifest entry that has one. `rerender` gives the current blueprint's
 * render of the recorded options (lazily; only used for missing or altered copies).
 */
export function loadBases(target: TargetFolder, manifest: Manifest, rerender: () => FileMap | undefined): Map<string, string> {
  const bases = new Map<string, string>();
  let again: FileMap | undefined | null = null;
  for (const [path, entry] of Object.entries(manifest.files)) {
    const want = baseHash(entry);
    const stored = target.read(basePath(path));
    if (stored !== undefined && sha256(stored) === want) {
      bases.set(path, stored);
      continue;
    }
    if (again === null) again = rerender();
    const rendered = again?.get(path)?.content;
    if (rendered !== undefined && sha256(rendered) === want) bases.set(path, rendered);
  }
  return bases;
}
