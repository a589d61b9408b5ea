import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConflictError } from '../../src/errors.js';
import { applyGeneration, prepareGeneration, type PreparedGeneration } from '../../src/io/generate.js';
import { prepareUpdate } from '../../src/io/update.js';
import { defineBlueprint, type Blueprint } from '../../src/model/blueprint.js';

export interface DemoOptions {
  readonly branch: string;
  readonly region: string;
  readonly audit: boolean;
  readonly componentName: string;
  readonly legacyFile: boolean;
  readonly buildAction: string;
}

export const DEMO_DEFAULTS: DemoOptions = { branch: 'main', region: 'eu-west-1', audit: false, componentName: 'aws-runtime', legacyFile: true, buildAction: 'Build' };

/**
 * A blueprint with one file of each interesting kind: a managed workflow, a user-owned (merged) devfile, a
 * managed README and a seed file; options touch each of them in a different place than the user edits below.
 */
export function demoBlueprint(extra: Partial<Pick<Blueprint<DemoOptions>, 'ownership'>> = {}): Blueprint<DemoOptions> {
  return defineBlueprint<DemoOptions>({
    id: 'update-demo',
    displayName: 'demo',
    description: 'demo',
    version: '1.0.0',
    options: {
      type: 'object',
      required: ['branch', 'region', 'audit', 'componentName', 'legacyFile', 'buildAction'],
      properties: {
        branch: { type: 'string' },
        region: { type: 'string' },
        audit: { type: 'boolean' },
        componentName: { type: 'string' },
        legacyFile: { type: 'boolean' },
        buildAction: { type: 'string' },
      },
    },
    defaults: DEMO_DEFAULTS,
    ...extra,
    render: (o) => ({
      files: [
        {
          type: 'yaml',
          path: '.codecatalyst/workflows/ci.yaml',
          fileKind: 'workflow',
          value: {
            Name: 'ci',
            SchemaVersion: '1.0',
            Triggers: [{ Type: 'PUSH', Branches: [o.branch] }],
            Actions: {
              [o.buildAction]: {
                Identifier: 'aws/build@v1',
                Inputs: { Sources: ['WorkflowSource'] },
                Configuration: { Steps: [{ Run: 'npm ci' }, ...(o.audit ? [{ Run: 'npm audit' }] : []), { Run: 'npm test' }] },
                Compute: { Type: 'EC2' },
              },
            },
          },
        },
        {
          type: 'yaml',
          path: 'devfile.yaml',
          fileKind: 'devfile',
          mode: 'merged',
          value: {
            schemaVersion: '2.0.0',
            metadata: { name: 'aws-universal', version: '1.0.1' },
            components: [
              {
                name: o.componentName,
                container: {
                  image: 'public.ecr.aws/aws-mde/universal-image:4.0',
                  mountSources: true,
                  command: ['sleep', 'infinity'],
                  env: [
                    { name: 'AWS_REGION', value: o.region },
                    { name: 'STAGE', value: 'dev' },
                  ],
                },
              },
            ],
            commands: [{ id: 'build', exec: { component: o.componentName, commandLine: 'npm run build', workingDir: '$PROJECT_SOURCE' } }],
          },
        },
        {
          type: 'text',
          path: 'README.md',
          content: ['# demo', '', 'Builds on every push to `' + o.branch + '`.', '', '## Layout', '', '- `devfile.yaml`: the Dev Environment', '- `.codecatalyst/workflows/ci.yaml`: CI', '', '## Region', '', `Deployed to ${o.region}.`].join('\n'),
        },
        { type: 'text', path: 'NOTES.md', content: `notes for ${o.branch}`, mode: 'seed' },
        ...(o.legacyFile ? [{ type: 'text' as const, path: 'scripts/legacy.sh', content: 'echo legacy', executable: true }] : []),
      ],
    }),
  });
}

export function generate(bp: Blueprint<any>, dir: string, options: object): PreparedGeneration {
  const prepared = prepareGeneration({ blueprint: bp, options: { ...bp.defaults, ...options }, targetDir: dir, toolVersion: '0.0.0-test' });
  applyGeneration(prepared);
  return prepared;
}

/** What the CLI does for `update`: plan, write, and report conflicts as a ConflictError after writing. */
export function update(bp: Blueprint<any>, dir: string, options: object, flags: { force?: boolean } = {}): { prepared: PreparedGeneration; conflict?: ConflictError } {
  const prepared = prepareUpdate({ blueprint: bp, options: { ...bp.defaults, ...options }, targetDir: dir, toolVersion: '0.0.0-test', force: flags.force ?? false });
  applyGeneration(prepared);
  const c = prepared.plan.entries.filter((e) => e.action === 'conflict');
  return { prepared, ...(c.length > 0 ? { conflict: new ConflictError('conflicts', c.map((e) => e.path)) } : {}) };
}

export function actions(prepared: PreparedGeneration): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of prepared.plan.entries) out[e.path] = e.action;
  for (const r of prepared.plan.removals ?? []) out[r.path] = r.action;
  return out;
}

/** Content, inode and modification time of every file: a no-op must leave all three alone. */
export function statTree(dir: string): Record<string, { content: string; ino: number; mtimeMs: number }> {
  const out: Record<string, { content: string; ino: number; mtimeMs: number }> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else out[relative(dir, p)] = { content: readFileSync(p, 'utf8'), ino: st.ino, mtimeMs: st.mtimeMs };
    }
  };
  walk(dir);
  return out;
}
