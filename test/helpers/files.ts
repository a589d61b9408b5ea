import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FileMap } from '../../src/model/file-map.js';

/** The repository root. */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** Conformance data and seeds live beside the repository, never in it; a user's clone does not have them. */
export const SHARED = resolve(REPO_ROOT, '..', 'shared');

/**
 * Write rendered files under `.tmp/<...parts>` in the repository (git-ignored), replacing what was there, so a
 * generated app's `aws-cdk-lib` and `constructs` resolve from this repository's node_modules.
 */
export function writeFileMap(files: FileMap, ...parts: string[]): string {
  const dir = join(REPO_ROOT, '.tmp', ...parts);
  rmSync(dir, { recursive: true, force: true });
  for (const f of files.values()) {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.content);
    if (f.executable) chmodSync(p, 0o755);
  }
  return dir;
}

/** Type-check and emit JavaScript next to the sources with this repository's real tsc (7). Throws with its output. */
export function compileApp(dir: string): void {
  try {
    execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(dir, 'tsconfig.json'), '--noEmit', 'false'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`tsc failed in ${dir}:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
}
