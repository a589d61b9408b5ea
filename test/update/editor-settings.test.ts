import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSchema } from '../../src/cli/commands/schema.js';
import { basePath } from '../../src/io/base-store.js';
import { sha256 } from '../../src/io/manifest.js';
import { tempDir } from '../helpers/cli.js';
import { actions, demoBlueprint, generate, update } from './fixture.js';

const SETTINGS = '.vscode/settings.json';
const WORKFLOW_SCHEMA = '.vscode/schemas/workflow.lenient.schema.json';
const DEVFILE_SCHEMA = '.vscode/schemas/devfile.schema.json';
const EDITOR_FILES = [DEVFILE_SCHEMA, WORKFLOW_SCHEMA, SETTINGS];

const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');
const write = (dir: string, p: string, text: string) => {
  mkdirSync(dirname(join(dir, p)), { recursive: true });
  writeFileSync(join(dir, p), text);
};
const manifestOf = (dir: string) => JSON.parse(read(dir, '.catalyst-gen/manifest.json'));
const setManifest = (dir: string, m: unknown) => writeFileSync(join(dir, '.catalyst-gen/manifest.json'), JSON.stringify(m, null, 2) + '\n');

/** What `catalyst-gen schema workflow --lenient` prints, parsed. */
async function lenientWorkflowSchema(): Promise<unknown> {
  let text = '';
  await runSchema('workflow', { lenient: true }, { out: (t) => (text += t), err: () => undefined, color: false, stdinIsTty: false });
  return JSON.parse(text);
}

/** The user's own workspace settings, with a comment (VS Code's settings are JSON with comments). */
const USER_SETTINGS = '{\n  // our tab width\n  "editor.tabSize": 4,\n  "yaml.schemas": { "./.vscode/schemas/workflow.lenient.schema.json": ["/.codecatalyst/workflows/*.yaml"] }\n}\n';

describe('update: the editor settings generated projects carry', () => {
  it('new records the schemas as managed and the settings as a seed file', () => {
    const dir = tempDir('cg-ed-');
    generate(demoBlueprint(), dir, {});
    const files = manifestOf(dir).files;
    expect(Object.fromEntries(EDITOR_FILES.map((p) => [p, files[p]?.mode]))).toEqual({ [DEVFILE_SCHEMA]: 'managed', [WORKFLOW_SCHEMA]: 'managed', [SETTINGS]: 'seed' });
  });

  it('rewrites a schema an older catalyst-gen wrote and keeps the settings the user edited, byte for byte', async () => {
    const bp = demoBlueprint();
    const dir = tempDir('cg-ed-');
    generate(bp, dir, {});
    // As an older catalyst-gen would have left it: its schema on disk, as base, and in the manifest.
    const older = JSON.stringify({ $id: 'https://catalyst-gen.dev/schemas/workflow.lenient.schema.json', description: 'older' }, null, 2) + '\n';
    write(dir, WORKFLOW_SCHEMA, older);
    write(dir, basePath(WORKFLOW_SCHEMA), older);
    const m = manifestOf(dir);
    m.files[WORKFLOW_SCHEMA] = { sha256: sha256(older), mode: 'managed' };
    setManifest(dir, m);
    write(dir, SETTINGS, USER_SETTINGS);

    const { prepared, conflict } = update(bp, dir, {});
    expect(conflict).toBeUndefined();
    expect(actions(prepared)).toMatchObject({ [WORKFLOW_SCHEMA]: 'update', [SETTINGS]: 'keep' });
    expect(JSON.parse(read(dir, WORKFLOW_SCHEMA))).toEqual(await lenientWorkflowSchema());
    expect(read(dir, SETTINGS)).toBe(USER_SETTINGS);
  });

  it('adds them to a project generated before projects carried them; a settings file the user already has is kept, not a conflict', () => {
    const bp = demoBlueprint();
    const dir = tempDir('cg-ed-');
    generate(bp, dir, {});
    const m = manifestOf(dir);
    for (const p of EDITOR_FILES) {
      rmSync(join(dir, p));
      rmSync(join(dir, basePath(p)), { force: true });
      delete m.files[p];
    }
    setManifest(dir, m);
    write(dir, SETTINGS, USER_SETTINGS);

    const { prepared, conflict } = update(bp, dir, {});
    expect(conflict).toBeUndefined();
    expect(actions(prepared)).toMatchObject({ [DEVFILE_SCHEMA]: 'create', [WORKFLOW_SCHEMA]: 'create', [SETTINGS]: 'keep' });
    expect(existsSync(join(dir, DEVFILE_SCHEMA)) && existsSync(join(dir, WORKFLOW_SCHEMA))).toBe(true);
    expect(read(dir, SETTINGS)).toBe(USER_SETTINGS);
  });
});
