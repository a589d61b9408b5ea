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
  const tx = new ApplyTransaction(changes, target);
  tx.stage(tx.pending.length, false);
  return tx.commit();
}

/**
 * `applyChanges`, with the temporary files flushed to disk concurrently (a few dozen at a time) instead of one
 * after the other: the same files, the same order of renames, the same guarantees; for `new` and `update`,
 * which write many files at once and have nothing else to do meanwhile.
 */
export async function applyChangesAsync(changes: FileChanges, target: TargetFolder): Promise<ApplyResult> {
  const tx = new ApplyTransaction(changes, target);
  while (tx.pending.length > 0) {
    const batch = tx.stage(FLUSH_BATCH, true);
    // Settled, not raced: no file is removed while a flush of it is still running.
    const failed = (await Promise.allSettled(batch.map((s) => s.write.flush()))).find((r) => r.status === 'rejected');
    if (failed) tx.abort(failed.reason);
  }
  return tx.commit();
}

/** Files open at once while their flushes run: far below any descriptor limit. */
const FLUSH_BATCH = 64;

interface StagedEntry {
  readonly write: StagedWrite;
  readonly path: string;
  readonly report: boolean;
}

class ApplyTransaction {
  /** What is left to stage: the project files, the base copies, then the manifest. */
  readonly pending: { readonly path: string; readonly content: string; readonly executable: boolean; readonly report: boolean }[];
  private readonly createdDirs: string[] = [];
  private readonly staged: StagedEntry[] = [];
  private readonly removes: { readonly rel: string; readonly abs: string; readonly report: boolean }[];
  private rootEnsured = false;

  constructor(
    changes: FileChanges,
    private readonly target: TargetFolder,
  ) {
    this.removes = [
      ...(changes.removes ?? []).map((rel) => ({ rel, abs: plainFileOrAbsent(target, rel), report: true })),
      ...(changes.internalRemoves ?? []).map((rel) => ({ rel, abs: plainFileOrAbsent(target, rel), report: false })),
    ];
    this.pending = [
      ...changes.writes.map((w) => ({ ...w, report: true })),
      ...(changes.internal ?? []).map((w) => ({ ...w, executable: false, report: false })),
      ...(changes.manifest !== undefined ? [{ path: MANIFEST_PATH, content: changes.manifest, executable: false, report: false }] : []),
    ];
  }

  /** Stage the next `count` files (all flushed unless `deferFlush`); on failure undo everything and throw. */
  stage(count: number, deferFlush: boolean): StagedEntry[] {
    const batch: StagedEntry[] = [];
    try {
      if (!this.rootEnsured) {
        this.ensureDir(this.target.root);
        this.rootEnsured = true;
      }
      for (const w of this.pending.splice(0, count)) {
        const dest = this.target.resolveInside(w.path);
        this.ensureDir(dirname(dest));
        const entry = { write: stageFileWrite(dest, w.content, { executable: w.executable, deferFlush }), path: w.path, report: w.report };
        this.staged.push(entry);
        batch.push(entry);
      }
    } catch (e) {
      this.abort(e);
    }
    return batch;
  }

  /** Remove whatever was staged and the folders created for it, and throw the failure as an environment error. */
  abort(e: unknown): never {
    for (const s of this.staged) s.write.discard();
    for (const d of this.createdDirs.reverse()) safely(() => rmdirSync(d));
    throw e instanceof EnvironmentError || !(e as NodeJS.ErrnoException).code ? e : new EnvironmentError(`Cannot write to ${this.target.root}: ${(e as Error).message}. Nothing was written.`, { cause: e });
  }

  commit(): ApplyResult {
    const written: string[] = [];
    const removed: string[] = [];
    const manifest = this.staged.find((s) => s.path === MANIFEST_PATH && !s.report);
    try {
      // The manifest is staged last and renamed last: a manifest on disk always describes files already in place.
      for (const s of this.staged) {
        if (s === manifest) continue;
        s.write.commit();
        if (s.report) written.push(s.path);
      }
      for (const r of this.removes) {
        try {
          unlinkSync(r.abs);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        }
        if (r.report) removed.push(r.rel);
        removeEmptyParents(dirname(r.abs), this.target.root);
      }
      if (manifest) manifest.write.commit();
    } catch (e) {
      for (const s of this.staged) s.write.discard();
      throw new EnvironmentError(`Writing to ${this.target.root} failed after ${written.length} file(s): ${(e as Error).message}`, { cause: e });
    }
    return { written, removed };
  }

  private ensureDir(dir: string): void {
    if (existsSync(dir)) return;
    this.ensureDir(dirname(dir));
    mkdirSync(dir);
    this.createdDirs.push(dir);
  }
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
