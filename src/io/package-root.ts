import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Folder holding `templates/` and `schemas/`. The build copies both next to the compiled code at the same
 * depth (`dist/src/io` -> `dist/`), so `../..` from this module works from source and from `dist`.
 */
export function assetRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = join(here, '..', '..');
  if (!existsSync(join(root, 'templates'))) throw new Error(`catalyst-gen is installed incompletely: no templates folder in ${root}.`);
  return root;
}
