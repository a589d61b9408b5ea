import { chmodSync, mkdirSync, renameSync, rmdirSync, unlinkSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EnvironmentError } from '../errors.js';
import { MANIFEST_PATH, serializeManifest, type Manifest } from './manifest.js';
import type { WritePlan } from './plan.js';
import type { TargetFolder } from './target.js';

export interface ApplyResult {
  readonly written: readonly string[];
}

/**
 * Write a conflict-free plan. Every new content goes to a temporary file beside its target first; only when
 * all of them are written are they renamed into place, then the manifest last. A failure while staging
 * removes what was staged, so a full disk or a permission error leaves the folder as it was.
 */
export function applyPlan(plan: WritePlan, target: TargetFolder, manifest: Manifest): ApplyResult {
  const toWrite = plan.entries.filter((e) => e.action === 'create' || e.action === 'update');
  const createdDirs: string[] = [];
  const staged: { tmp: string; dest: string; path: string }[] = [];
  const ensureDir = (dir: string) => {
    if (existsSync(dir)) return;
    ensureDir(dirname(dir));
    mkdirSync(dir);
    createdDirs.push(dir);
  };
  const stage = (rel: string, content: string, executable: boolean) => {
    const dest = target.resolveInside(rel);
    ensureDir(dirname(dest));
    const tmp = join(dirname(dest), `.${basename(dest)}.catalyst-gen-${process.pid}-${staged.length}.tmp`);
    writeFileSync(tmp, content, { encoding: 'utf8', mode: executable ? 0o755 : 0o644, flag: 'wx' });
    if (executable) chmodSync(tmp, 0o755);
    staged.push({ tmp, dest, path: rel });
  };
  try {
    ensureDir(target.root);
    for (const e of toWrite) stage(e.path, e.file.content, e.file.executable);
    stage(MANIFEST_PATH, serializeManifest(manifest), false);
  } catch (e) {
    for (const s of staged) safely(() => unlinkSync(s.tmp));
    for (const d of createdDirs.reverse()) safely(() => rmdirSync(d));
    throw e instanceof EnvironmentError || !(e as NodeJS.ErrnoException).code ? e : new EnvironmentError(`Cannot write to ${target.root}: ${(e as Error).message}. Nothing was written.`, { cause: e });
  }
  const written: string[] = [];
  try {
    // The manifest is staged last and renamed last: a manifest on disk always describes files already in place.
    for (const s of staged) {
      renameSync(s.tmp, s.dest);
      if (s.path !== MANIFEST_PATH) written.push(s.path);
    }
  } catch (e) {
    for (const s of staged) safely(() => unlinkSync(s.tmp));
    throw new EnvironmentError(`Writing to ${target.root} failed after ${written.length} file(s): ${(e as Error).message}`, { cause: e });
  }
  return { written };
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    /* best effort clean-up */
  }
}
