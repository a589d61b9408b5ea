import { chmodSync, mkdirSync, readdirSync, renameSync, rmdirSync, unlinkSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EnvironmentError } from '../errors.js';
import { MANIFEST_PATH, serializeManifest, type Manifest } from './manifest.js';
import { writtenContent, type WritePlan } from './plan.js';
import { isInside, type TargetFolder } from './target.js';

export interface ApplyResult {
  /** Project files written (not the manifest or the base copies). */
  readonly written: readonly string[];
  readonly removed: readonly string[];
}

export interface FileChanges {
  /** Project files to write. */
  readonly writes: readonly { readonly path: string; readonly content: string; readonly executable: boolean }[];
  /** Bookkeeping files under `.catalyst-gen/` (base copies); written in the same transaction, not reported. */
  readonly internal?: readonly { readonly path: string; readonly content: string }[];
  /** Files to delete (project files no longer generated, stale base copies). */
  readonly removes?: readonly string[];
  /** The manifest text, or undefined to leave the manifest as it is. */
  readonly manifest?: string;
}

/** Write a conflict-free plan of `new`: its create/update entries, then the manifest. */
export function applyPlan(plan: WritePlan, target: TargetFolder, manifest: Manifest): ApplyResult {
  const writes = plan.entries.flatMap((e) => {
    const content = writtenContent(e);
    return content === undefined ? [] : [{ path: e.path, content, executable: e.file.executable }];
  });
  return applyChanges({ writes, manifest: serializeManifest(manifest) }, target);
}

/**
 * Every new content goes to a temporary file beside its target first; only when all of them are written are
 * they renamed into place, then removals happen, then the manifest is renamed last. A failure while staging
 * removes what was staged, so a full disk or a permission error leaves the folder as it was.
 */
export function applyChanges(changes: FileChanges, target: TargetFolder): ApplyResult {
  const createdDirs: string[] = [];
  const staged: { tmp: string; dest: string; path: string; report: boolean }[] = [];
  const ensureDir = (dir: string) => {
    if (existsSync(dir)) return;
    ensureDir(dirname(dir));
    mkdirSync(dir);
    createdDirs.push(dir);
  };
  const stage = (rel: string, content: string, executable: boolean, report: boolean) => {
    const dest = target.resolveInside(rel);
    ensureDir(dirname(dest));
    const tmp = join(dirname(dest), `.${basename(dest)}.catalyst-gen-${process.pid}-${staged.length}.tmp`);
    writeFileSync(tmp, content, { encoding: 'utf8', mode: executable ? 0o755 : 0o644, flag: 'wx' });
    if (executable) chmodSync(tmp, 0o755);
    staged.push({ tmp, dest, path: rel, report });
  };
  const removes = (changes.removes ?? []).map((rel) => ({ rel, abs: target.resolveInside(rel) }));
  try {
    ensureDir(target.root);
    for (const w of changes.writes) stage(w.path, w.content, w.executable, true);
    for (const w of changes.internal ?? []) stage(w.path, w.content, false, false);
    if (changes.manifest !== undefined) stage(MANIFEST_PATH, changes.manifest, false, false);
  } catch (e) {
    for (const s of staged) safely(() => unlinkSync(s.tmp));
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
      renameSync(s.tmp, s.dest);
      if (s.report) written.push(s.path);
    }
    for (const r of removes) {
      try {
        unlinkSync(r.abs);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      removed.push(r.rel);
      removeEmptyParents(dirname(r.abs), target.root);
    }
    if (manifest) renameSync(manifest.tmp, manifest.dest);
  } catch (e) {
    for (const s of staged) safely(() => unlinkSync(s.tmp));
    throw new EnvironmentError(`Writing to ${target.root} failed after ${written.length} file(s): ${(e as Error).message}`, { cause: e });
  }
  return { written, removed };
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
