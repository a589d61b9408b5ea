import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { isInside, leadsOutsideThroughLink } from '../io/target.js';

/**
 * A folder the page names (a project's target, a blueprint's path), as an absolute path inside `root`, the
 * folder `ui` was started for: relative to it, or absolute and inside it. Refused when it leaves the folder,
 * by `..` or through a symbolic link on its way (the deepest part that exists is checked after resolving links).
 */
export function resolveInsideRoot(root: string, text: string, what: string): string {
  if (text.includes('\0')) throw new UsageError(`The ${what} "${text}" holds a NUL character.`);
  const abs = isAbsolute(text) ? resolve(text) : resolve(root, text);
  if (abs !== root && !isInside(root, abs)) throw new UsageError(`The ${what} "${text}" is outside ${root}; the page only reads and writes inside it.`);
  if (leadsOutsideThroughLink(root, abs)) throw new UsageError(`The ${what} "${text}" leads outside ${root} through a symbolic link; the page only reads and writes inside it.`);
  return abs;
}
