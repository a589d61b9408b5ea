import { lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ValidationError } from '../errors.js';
import { readIfExists } from './read-file.js';

/**
 * The folder a project is written to. Every path is checked after resolving symlinks: a link that points
 * out of the folder (or a rendered path that is itself a link) is refused instead of followed.
 */
export class TargetFolder {
  readonly root: string;
  constructor(dir: string) {
    this.root = resolve(dir);
  }

  /** Absolute path for a relative one, refusing anything that would land outside the folder. */
  resolveInside(rel: string): string {
    const abs = resolve(this.root, rel);
    if (!isInside(this.root, abs)) throw new ValidationError(`Refusing "${rel}": it is outside ${this.root}.`);
    const st = lstatOrUndefined(abs);
    if (st?.isSymbolicLink()) throw new ValidationError(`Refusing to write "${rel}": it is a symbolic link.`);
    if (st?.isDirectory()) throw new ValidationError(`Cannot write "${rel}": a folder of that name exists.`);
    if (leadsOutsideThroughLink(this.root, abs)) throw new ValidationError(`Refusing "${rel}": a symbolic link on its way leads outside ${this.root}.`);
    return abs;
  }

  /** Current text of a file, or undefined when it does not exist. */
  read(rel: string): string | undefined {
    // As it is, a byte-order mark included: an update must give the user's file back with it.
    return readIfExists(this.resolveInside(rel), 'project file')?.toString('utf8');
  }
}

export function isInside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel !== '' && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel);
}

/**
 * Whether `abs` (`root` itself or a path inside it) leads outside `root` through a symbolic link: the deepest
 * part of it that exists, its links resolved, must still be `root` or inside it.
 */
export function leadsOutsideThroughLink(root: string, abs: string): boolean {
  const rootReal = realOrSelf(root);
  for (let probe = abs; ; ) {
    if (lstatOrUndefined(probe)) {
      const real = realOrSelf(probe);
      return real !== rootReal && !isInside(rootReal, real);
    }
    const parent = dirname(probe);
    if (parent === probe || !isInside(root, parent)) return false;
    probe = parent;
  }
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function lstatOrUndefined(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}
