import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { secureCdkPipeline, type SecureCdkPipelineOptions } from '../../blueprints/secure-cdk-pipeline/index.js';
import { renderBlueprint } from '../../src/io/generate.js';
import type { FileMap } from '../../src/model/file-map.js';

import { compileApp, REPO_ROOT, writeFileMap } from '../helpers/files.js';

export { compileApp, REPO_ROOT };

/** Write a generated app under `.tmp/cdk-apps/<name>`. */
export const writeApp = (files: FileMap, name: string): string => writeFileMap(files, 'cdk-apps', name);

/** Render the blueprint through the real pipeline (templates loaded, every structured file validated). */
export function renderSecurePipeline(overrides: Partial<SecureCdkPipelineOptions> = {}): FileMap {
  return renderBlueprint(secureCdkPipeline, { ...secureCdkPipeline.defaults, ...overrides });
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
