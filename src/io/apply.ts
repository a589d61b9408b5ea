import { lstatSync, mkdirSync, readdirSync, rmdirSync, unlinkSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { EnvironmentError, ValidationError } from '../errors.js';
import { stageFileWrite, type StagedWrite } from './atomic-write.js';
import { MANIFEST_PATH } from './manifest.js';
import { isInside, type TargetFolder } from './target.js';

export interface ApplyResult {
  /** Project files written (not the manifest or the base copies). */
  readonly written: readonly string[];
  /** Project files removed (not the base copies). */
  readonly removed: readonly string[];
}

export interface FileChanges {
  /** Project files to write. */
  readonly writes: readonly { readonly path: string; readonly content: string; readonly executable: boolean }[];
  /** Bookkeeping files under `.catalyst-gen/` (base copies); written in the same transaction, not reported. */
  readonly internal?: readonly { readonly path: string; readonly content: string }[];
  /** Project files to delete (no longer generated); each must be a plain file, or nothing is done. */
  readonly removes?: readonly string[];
  /** Bookkeeping files under `.catalyst-gen/` to delete (stale base copies); not reported. */
  readonly internalRemoves?: readonly string[];
  /** The manifest text, or undefined to leave the manifest as it is. */
  readonly manifest?: string;
}

/**
 * Every new content goes to a temporary file beside its target first; only when all of them are written are
 * they renamed into place, then removals happen, then the manifest is renamed last. A failure while staging
 * removes what was staged, so a full disk or a permission error leaves the folder as it was.
 */
export function applyChanges(changes: FileChanges, target: TargetFolder): ApplyResult {
  const createdDirs: string[] = [];
  const staged: { write: StagedWrite; path: string; report: boolean }[] = [];
  const ensureDir = (dir: string) => {
    if (existsSync(dir)) return;
    ensureDir(dirname(dir));
    mkdirSync(dir);
    createdDirs.push(dir);
  };
  const stage = (rel: string, content: string, executable: boolean, report: boolean) => {
    const dest = target.resolveInside(rel);
    ensureDir(dirname(dest));
    staged.push({ write: stageFileWrite(dest, content, { executable }), path: rel, report });
  };
  const removes = [
    ...(changes.removes ?? []).map((rel) => ({ rel, abs: plainFileOrAbsent(target, rel), report: true })),
    ...(changes.internalRemoves ?? []).map((rel) => ({ rel, abs: plainFileOrAbsent(target, rel), report: false })),
  ];
  try {
    ensureDir(target.root);
    for (const w of changes.writes) stage(w.path, w.content, w.executable, true);
    for (const w of changes.internal ?? []) stage(w.path, w.content, false, false);
    if (changes.manifest !== undefined) stage(MANIFEST_PATH, changes.manifest, false, false);
  } catch (e) {
    for (const s of staged) s.write.discard();
    for (const d of createdDirs.reverse()) safely(() => rmdirSync(d));
    throw e instanceof EnvironmentError || !(e as NodeJS.ErrnoException).code ? e : new EnvironmentError(`Cannot write to ${target.root}: ${(e as Error).message}. Nothing was written.`, { cause: e });
  }
  const written: string[] = [];
  const removed: string[] = [];
  const manifest = staged.find((s) => s.path === MANIFEST_PATH && !s.report);
  try {
    // The manifest is staged last and renamed last: a manifest on disk always describes files already in place.
    for (const s of staged) {
      if (s === manifest) continue;
      s.write.commit();
      if (s.report) written.push(s.path);
    }
    for (const r of removes) {
      try {
        unlinkSync(r.abs);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      if (r.report) removed.push(r.rel);
      removeEmptyParents(dirname(r.abs), target.root);
    }
    if (manifest) manifest.write.commit();
  } catch (e) {
    for (const s of staged) s.write.discard();
    throw new EnvironmentError(`Writing to ${target.root} failed after ${written.length} file(s): ${(e as Error).message}`, { cause: e });
  }
  return { written, removed };
}

/**
 * The absolute path of a file about to be removed, checked before anything is written: it must be inside the
 * folder (no link on the way out) and, if it exists, a plain file: never a folder, a link or a device.
 */
function plainFileOrAbsent(target: TargetFolder, rel: string): string {
  const abs = target.resolveInside(rel);
  let st;
  try {
    st = lstatSync(abs);
  } catch {
    return abs; // already gone
  }
  if (!st.isFile()) throw new ValidationError(`Refusing to remove "${rel}": it is not a plain file. Nothing was written.`);
  return abs;
}

/** A folder emptied by a removal goes too (never the project folder itself). */
function removeEmptyParents(dir: string, root: string): void {
  while (isInside(root, dir) && safely(() => readdirSync(dir).length === 0)) {
    if (!safely(() => (rmdirSync(dir), true))) return;
    dir = dirname(dir);
  }
}

function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    /* best effort clean-up */
    return undefined;
  }
}
