import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { secureCdkPipeline, type SecureCdkPipelineOptions } from '../../blueprints/secure-cdk-pipeline/index.js';
import { renderBlueprint } from '../../src/io/generate.js';
import type { FileMap } from '../../src/render/file-map.js';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** Render the blueprint through the real pipeline (templates loaded, every structured file validated). */
export function renderSecurePipeline(overrides: Partial<SecureCdkPipelineOptions> = {}): FileMap {
  return renderBlueprint(secureCdkPipeline, { ...secureCdkPipeline.defaults, ...overrides });
}

/**
 * Write a generated app inside the repository (.tmp/ is git-ignored) so that `aws-cdk-lib` and `constructs`
 * resolve from this repository's node_modules, exactly as they would from the app's own after `npm install`.
 */
export function writeApp(files: FileMap, name: string): string {
  const dir = join(REPO_ROOT, '.tmp', 'cdk-apps', name);
  rmSync(dir, { recursive: true, force: true });
  for (const f of files.values()) {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.content);
  }
  return dir;
}

/** Type-check and emit JavaScript next to the sources with the repository's TypeScript (7). Throws with tsc's output. */
export function compileApp(dir: string): void {
  const tsc = join(REPO_ROOT, 'node_modules', '.bin', 'tsc');
  try {
    execFileSync(tsc, ['-p', join(dir, 'tsconfig.json'), '--noEmit', 'false'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`tsc failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
}

/**
 * Synthesize the compiled app in this process, the way the CDK CLI drives it: the context from cdk.json in
 * CDK_CONTEXT_JSON, the output folder in CDK_OUTDIR, then run bin/app.js. Returns the cloud assembly folder.
 */
export function synthApp(dir: string, options: { validation: boolean }): string {
  const outdir = join(dir, 'cdk.out');
  rmSync(outdir, { recursive: true, force: true });
  const cdkJson = JSON.parse(readFileSync(join(dir, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  const saved = { ...process.env };
  process.env['CDK_CONTEXT_JSON'] = JSON.stringify(cdkJson.context ?? {});
  process.env['CDK_OUTDIR'] = outdir;
  process.env['CDK_VALIDATION'] = options.validation ? 'true' : 'false';
  try {
    const req = createRequire(join(dir, 'package.json'));
    req(join(dir, 'bin', 'app.js'));
  } finally {
    for (const k of ['CDK_CONTEXT_JSON', 'CDK_OUTDIR', 'CDK_VALIDATION']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
  return outdir;
}
