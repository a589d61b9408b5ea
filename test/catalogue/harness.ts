import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { catalogue } from '../../blueprints/index.js';
import type { Blueprint } from '../../src/index.js';
import { renderBlueprint } from '../../src/io/generate.js';
import { mergeOptions } from '../../src/options/resolve.js';
import type { FileMap } from '../../src/model/file-map.js';
import { buildspecScript } from '../buildspec/shell.js';
import { FIXTURES, type OptionSetName, type SynthStack } from './option-sets.js';

import { compileApp, REPO_ROOT, writeFileMap } from '../helpers/files.js';

export { compileApp, REPO_ROOT };

/** Write rendered files under `.tmp/catalogue/<area>/<id>/<set>`. */
export const writeProject = (files: FileMap, area: string, id: string, set: string): string => writeFileMap(files, 'catalogue', area, id, set);
export const SET_NAMES: readonly OptionSetName[] = ['defaults', 'alternative'];

/** The rule ids of the findings in a cdk-nag report, each once. */
export const nagFindings = (output: string) => [...new Set([...output.matchAll(/Acknowledge with '(?:AwsSolutions::)?(AwsSolutions-[A-Za-z0-9]+)/g)].map((m) => m[1]))].sort();
export { catalogue };

/** The options of one set: the defaults, or the fixture's alternative merged over them. Throws without a fixture. */
export function optionsOf(bp: Blueprint<any>, set: OptionSetName): Record<string, unknown> {
  if (set === 'defaults') return mergeOptions(bp.defaults);
  const fixture = FIXTURES[bp.id];
  if (!fixture) throw new Error(`Blueprint "${bp.id}" has no option-set fixture: add one to test/catalogue/option-sets.ts.`);
  return mergeOptions(bp.defaults, fixture.alternative);
}

/** Every (blueprint, option set) pair, for `describe.each`. */
export const CASES: readonly { id: string; set: OptionSetName }[] = catalogue.flatMap((bp) => SET_NAMES.map((set) => ({ id: bp.id, set })));

export function blueprint(id: string): Blueprint<any> {
  const bp = catalogue.find((b) => b.id === id);
  if (!bp) throw new Error(`No blueprint "${id}" in the catalogue.`);
  return bp;
}

/** Render through the real pipeline: templates loaded from `templates/`, every structured file validated. */
export function renderSet(id: string, set: OptionSetName): FileMap {
  const bp = blueprint(id);
  return renderBlueprint(bp, optionsOf(bp, set));
}


export interface ExtractedScript {
  /** Where the commands come from, e.g. `.codecatalyst/workflows/Deploy.yaml#Test`. */
  readonly origin: string;
  readonly script: string;
}

/** Workflow references (`${Secrets.X}`, `${Action.VAR}`) are substituted by CodeCatalyst before the shell runs. */
const WORKFLOW_REF = /\$\{[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+\}/g;

/**
 * Every piece of shell a project contains, as bash scripts: shell files (`*.sh` or executable), the commands
 * of each buildspec in the order CodeBuild runs them, the steps of each workflow build/test action (one
 * script per action: its steps run in one shell), and each devfile exec command.
 */
export function shellScripts(files: FileMap): ExtractedScript[] {
  const out: ExtractedScript[] = [];
  for (const f of files.values()) {
    if (f.path.endsWith('.sh') || f.executable) out.push({ origin: f.path, script: f.content });
    else if (f.kind === 'buildspec') out.push({ origin: f.path, script: buildspecScript(parse(f.content)) });
    else if (f.kind === 'workflow') {
      const wf = parse(f.content) as { Actions?: Record<string, any> };
      const actions = Object.entries(wf.Actions ?? {}).flatMap(([name, a]) =>
        a && a.Actions && !a.Identifier ? Object.entries(a.Actions as Record<string, any>).map(([n, x]) => [`${name}.${n}`, x] as const) : [[name, a] as const],
      );
      for (const [name, a] of actions) {
        const id = String(a?.Identifier ?? '');
        if (!/^aws\/(build|managed-test)@/.test(id)) continue;
        const steps = ((a.Configuration?.Steps ?? []) as { Run: string }[]).map((s) => s.Run.replace(WORKFLOW_REF, 'WORKFLOW_REFERENCE'));
        out.push({ origin: `${f.path}#${name}`, script: ['#!/usr/bin/env bash', 'set -e', ...steps].join('\n') + '\n' });
      }
    } else if (f.kind === 'devfile') {
      const df = parse(f.content) as { commands?: { id: string; exec?: { commandLine?: string } }[] };
      for (const c of df.commands ?? []) {
        if (c.exec?.commandLine) out.push({ origin: `${f.path}#${c.id}`, script: `#!/usr/bin/env bash\n${c.exec.commandLine}\n` });
      }
    }
  }
  return out;
}

export const hasPytest = spawnSync('python3', ['-m', 'pytest', '--version'], { encoding: 'utf8' }).status === 0;

/** Folders (relative) holding a CDK app: a `cdk.json` next to a `tsconfig.json`. */
export function cdkApps(files: FileMap): string[] {
  return [...files.keys()]
    .filter((p) => p === 'cdk.json' || p.endsWith('/cdk.json'))
    .map((p) => dirname(p))
    .filter((d) => files.has(d === '.' ? 'tsconfig.json' : `${d}/tsconfig.json`));
}


/**
 * Synthesize a compiled app the way the CDK CLI drives it: cdk.json's context (plus the given values) in
 * CDK_CONTEXT_JSON, the output folder in CDK_OUTDIR, and the app's entry point run by node (as JavaScript,
 * in its own process, so an app that relies on auto-synthesis at exit works too). Returns every stack of
 * the cloud assembly, nested stage assemblies included.
 */
export function synthApp(dir: string, options: { readonly validation: boolean; readonly context?: Readonly<Record<string, unknown>> }): SynthStack[] {
  const outdir = join(dir, 'cdk.out');
  rmSync(outdir, { recursive: true, force: true });
  const cdkJson = JSON.parse(readFileSync(join(dir, 'cdk.json'), 'utf8')) as { app: string; context?: Record<string, unknown> };
  const entry = cdkJson.app.split(/\s+/).find((w) => w.endsWith('.ts'));
  if (!entry) throw new Error(`cannot find the entry point in cdk.json "app": ${cdkJson.app}`);
  const env = {
    ...process.env,
    CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJson.context, ...options.context }),
    CDK_OUTDIR: outdir,
    CDK_VALIDATION: options.validation ? 'true' : 'false',
  };
  const r = spawnSync(process.execPath, [join(dir, entry.replace(/\.ts$/, '.js'))], { cwd: dir, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`synth failed in ${dir} (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return readAssembly(outdir);
}

function readAssembly(dir: string): SynthStack[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { artifacts?: Record<string, any> };
  const out: SynthStack[] = [];
  for (const [id, art] of Object.entries(manifest.artifacts ?? {})) {
    if (art.type === 'aws:cloudformation:stack') {
      out.push({ name: art.displayName ?? id, template: JSON.parse(readFileSync(join(dir, art.properties.templateFile), 'utf8')), ...(art.environment ? { environment: art.environment } : {}) });
    } else if (art.type === 'cdk:cloud-assembly') {
      out.push(...readAssembly(join(dir, art.properties.directoryName)));
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
