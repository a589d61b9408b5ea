import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InternalError } from '../errors.js';
import { assetRoot } from './package-root.js';

/** Read the named Handlebars templates from `templates/`. */
export function loadTemplates(names: readonly string[]): Map<string, string> {
  const root = join(assetRoot(), 'templates');
  const out = new Map<string, string>();
  for (const name of names) {
    try {
      out.set(name, readFileSync(join(root, name), 'utf8'));
    } catch (e) {
      throw new InternalError(`Template "${name}" is missing from the installation.`, [], { cause: e });
    }
  }
  return out;
}
