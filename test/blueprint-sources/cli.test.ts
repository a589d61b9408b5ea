import { cpSync, existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateText } from '../../src/validate/file.js';
import { README_HELLO, serviceBlueprint, writeFiles } from './fixtures.js';
import { cg, sandbox } from './helpers.js';

// Blueprints of the user's, loaded by the installed command from outside the repository: a one-file TypeScript
// blueprint in a folder without node_modules, a blueprint that imports its own files and templates, catalogue
// files, and every way blueprint code can be wrong.

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, '.catalyst-gen/manifest.json'), 'utf8')) as { blueprint: Record<string, unknown>; options: Record<string, unknown> };

const blueprintFile = (id: string, body: string) => `import { defineBlueprint } from 'catalyst-gen';

export const bp = defineBlueprint<{ name: string }>({
  id: '${id}', displayName: 'X', description: 'X.', version: '1.0.0',
  options: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
  defaults: { name: 'x' },
${body}
});
`;

describe('a TypeScript blueprint in a file', () => {
  it("renders the README's own example, as written, in a folder without node_modules", () => {
    const box = sandbox();
    writeFileSync(join(box.work, 'hello.ts'), README_HELLO);
    const r = cg(box, ['new', './hello.ts', './out', '--no-input']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(box.work, 'out/README.md'), 'utf8')).toBe('# hello\n');
    expect(manifestOf(join(box.work, 'out')).blueprint).toEqual({ id: 'hello', version: '1.0.0', source: { type: 'path', path: '../hello.ts' } });
    expect(readdirSync(box.work).sort()).toEqual(['hello.ts', 'out']); // nothing else written beside the user's files

    const show = cg(box, ['show', './hello.ts']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Hello (hello 1.0.0, from ./hello.ts)');
    expect(show.stdout).toMatch(/name {2}string\n {6}Project name\.\n {6}default: "hello"/);
  });

  it('imports its own files and templates, and renders files that parse and validate', () => {
    const box = sandbox();
    writeFiles(join(box.work, 'bps'), serviceBlueprint());
    const r = cg(box, ['new', './bps/service.ts', './svc', '--no-input', '--set', 'runtime=python3.12', '--set', 'stages.1.name=prod', '--set', 'stages.1.account=222222222222']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(box.work, 'svc/README.md'), 'utf8')).toBe('# orders\n\nRuntime: python3.12. Stages: dev (111111111111), prod (222222222222).\n');
    const wfPath = join(box.work, 'svc/.codecatalyst/workflows/ci.yaml');
    const wf = parse(readFileSync(wfPath, 'utf8'));
    expect(wf.Actions.Test.Configuration.Steps).toEqual([{ Run: 'pip install -r requirements.txt' }, { Run: 'python -m pytest' }]);
    expect(validateText(readFileSync(wfPath, 'utf8'), wfPath, 'workflow').filter((d) => d.severity !== 'info')).toEqual([]);
    expect(cg(box, ['validate', 'svc']).code).toBe(0);
  });

  it('is compiled once: the cache is keyed by the content of every file it imports', () => {
    const box = sandbox();
    writeFiles(join(box.work, 'bps'), serviceBlueprint());
    expect(cg(box, ['new', './bps/service.ts', './a', '--no-input']).code).toBe(0);
    const cache = join(box.root, 'home/.cache/catalyst-gen/blueprints');
    const modules = () => readdirSync(cache).filter((f) => f.endsWith('.mjs'));
    const [record] = readdirSync(cache).filter((f) => f.endsWith('.json'));
    const before = statSync(join(cache, record!)).mtimeMs;
    expect(modules()).toHaveLength(1);

    // Unchanged: the cached module is used, nothing is compiled or written again.
    expect(cg(box, ['new', './bps/service.ts', './b', '--no-input']).code).toBe(0);
    expect(statSync(join(cache, record!)).mtimeMs).toBe(before);
    expect(modules()).toHaveLength(1);

    // A change in a file the blueprint imports (not the entry) is a new module, and its effect shows.
    writeFileSync(join(box.work, 'bps/steps.ts'), "export function ciSteps(_runtime: string): string[] {\n  return ['make ci'];\n}\n");
    expect(cg(box, ['new', './bps/service.ts', './c', '--no-input']).code).toBe(0);
    expect(parse(readFileSync(join(box.work, 'c/.codecatalyst/workflows/ci.yaml'), 'utf8')).Actions.Test.Configuration.Steps).toEqual([{ Run: 'make ci' }]);
    expect(modules()).toHaveLength(2);
  });

  it('chooses one of several blueprints a file exports with #<id>', () => {
    const box = sandbox();
    writeFileSync(join(box.work, 'two.ts'), `${blueprintFile('first', "  render: () => ({ files: [{ type: 'text', path: 'a.txt', content: 'first' }] }),")}\nexport const second = defineBlueprint<{ name: string }>({ ...bp, id: 'second', render: () => ({ files: [{ type: 'text', path: 'a.txt', content: 'second' }] }) });\n`);
    const both = cg(box, ['new', './two.ts', './x', '--no-input']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('./two.ts exports 2 blueprints (first, second); choose one: ./two.ts#first, ./two.ts#second.');
    expect(existsSync(join(box.work, 'x'))).toBe(false);
    expect(cg(box, ['new', './two.ts#second', './x', '--no-input']).code).toBe(0);
    expect(readFileSync(join(box.work, 'x/a.txt'), 'utf8')).toBe('second\n');
  });
});

describe('blueprint code that is wrong: said where, and nothing written', () => {
  const cases: [string, string, number, RegExp[]][] = [
    ['a syntax error', "import { defineBlueprint } from 'catalyst-gen';\nexport const x = defineBlueprint({\n  id: 'x',,\n});\n", 1, [/^bad\.ts:3:11: error BLUEPRINT-SYNTAX Expected identifier but found ","$/m, /^ {4}3 \| {3}id: 'x',,$/m, /The blueprint bad\.ts cannot be compiled; nothing was written\./]],
    [
      'a type error (a schema that does not match the options type)',
      blueprintFile('x', "  render: () => ({ files: [] }),").replace("properties: { name: { type: 'string' } }", "properties: { name: { type: 'number' } }"),
      1,
      [/^bad\.ts:5:\d+: error BLUEPRINT-TYPE Type '"number"' is not assignable to type '"string"'\. \(TS2322\)$/m, /^ {4}5 \| {3}options: /m, /The blueprint bad\.ts has type errors; nothing was written\./],
    ],
    [
      'render throws',
      blueprintFile('x', "  render: (o) => {\n    if (o.name === 'x') throw new Error('no region for x');\n    return { files: [] };\n  },"),
      4,
      [/^blueprint error: Blueprint "x" \(\.\/bad\.ts\) failed while rendering: no region for x \(at bad\.ts:8:31\)$/m, /This is a bug in blueprint "x" \(\.\/bad\.ts\), not in catalyst-gen: tell its authors\. Nothing was written\./],
    ],
    ['it throws while loading', "throw new Error('needs ACME_TOKEN');\n", 4, [/The blueprint code in \.\/bad\.ts failed while loading: needs ACME_TOKEN \(at bad\.ts:1:7\)/]],
    ['it exports no blueprint', 'export const answer = 42;\n', 2, [/\.\/bad\.ts is not a blueprint: it exports "answer", and no blueprint\. A blueprint is an object made with defineBlueprint\(\)/]],
    [
      'it renders a workflow that fails validation',
      blueprintFile('x', "  render: () => ({ files: [{ type: 'yaml', path: '.codecatalyst/workflows/ci.yaml', fileKind: 'workflow', value: { Name: 'ci', SchemaVersion: '1.0', Actions: { Build: { Identifier: 'aws/build@v1', Configuration: {} } } } }] }),"),
      4,
      [/\.codecatalyst\/workflows\/ci\.yaml:\d+:\d+: error WF-/, /Blueprint "x" \(\.\/bad\.ts\) rendered files that fail validation; nothing was written\./, /not in catalyst-gen: tell its authors/],
    ],
    ['a path that leaves the folder', blueprintFile('x', "  render: () => ({ files: [{ type: 'text', path: '../../outside.txt', content: 'x' }] }),"), 1, [/Refusing to write outside the target folder:\n {2}"\.\.\/\.\.\/outside\.txt": the path contains "\.\." and would leave the target folder/]],
    ['a path into .git', blueprintFile('x', "  render: () => ({ files: [{ type: 'text', path: '.git/hooks/pre-commit', content: 'x', executable: true }] }),"), 4, [/renders "\.git\/hooks\/pre-commit", which no blueprint may write: it is inside a "\.git" folder/]],
  ];

  it.each(cases)('%s', (_, code, exit, messages) => {
    const box = sandbox();
    writeFileSync(join(box.work, 'bad.ts'), code);
    const r = cg(box, ['new', './bad.ts', './out', '--no-input']);
    expect(r.code, r.stderr).toBe(exit);
    for (const m of messages) expect(r.stderr).toMatch(m);
    expect(readdirSync(box.work)).toEqual(['bad.ts']);
    expect(existsSync(join(box.root, 'outside.txt'))).toBe(false);
  });

  it('a missing file or an unknown id says how to name a blueprint', () => {
    const box = sandbox();
    expect(cg(box, ['new', './nope.ts', './out', '--no-input'])).toMatchObject({ code: 2, stderr: 'error: No blueprint at ./nope.ts: no such file or folder.\n' });
    const unknown = cg(box, ['new', 'three-tier-wbe', './out', '--no-input']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown blueprint "three-tier-wbe". Did you mean "three-tier-web"?');
    expect(unknown.stderr).toContain('A blueprint of your own is named by its path (./three-tier-wbe.ts) or its npm package');
    expect(readdirSync(box.work)).toEqual([]);
  });
});

describe('catalogue files', () => {
  it('add the blueprints they list to list, show and new; a source listed twice is one source', () => {
    const box = sandbox();
    writeFiles(join(box.work, 'bps'), serviceBlueprint());
    writeFileSync(join(box.work, '.catalyst-gen.yaml'), 'blueprints:\n  - ./bps/service.ts\n');
    // The user's own catalogue lists the same file: still one blueprint.
    writeFiles(join(box.root, 'home/.config/catalyst-gen'), { 'config.yaml': `blueprints:\n  - ${join(box.work, 'bps/service.ts')}\n` });
    const list = cg(box, ['list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    const items = JSON.parse(list.stdout) as { id: string; source: string }[];
    expect(items.filter((i) => i.source !== 'built-in')).toEqual([{ id: 'service', displayName: 'Team service', version: '1.0.0', description: 'A service with a CI workflow and the team README.', source: './bps/service.ts' }]);
    expect(cg(box, ['list']).stdout).toMatch(/^ID +VERSION +SOURCE +DESCRIPTION$/m);

    // From a subfolder too: the project file is found in a parent.
    const sub = join(box.work, 'teams/payments');
    writeFiles(sub, { '.keep': '' });
    const r = cg(box, ['new', 'service', './api', '--no-input'], { cwd: sub });
    expect(r.code, r.stderr).toBe(0);
    expect(manifestOf(join(sub, 'api')).blueprint).toEqual({ id: 'service', version: '1.0.0', source: { type: 'path', path: '../../../bps/service.ts' } });
  });

  it('refuses two blueprints with one id, naming both sources', () => {
    const box = sandbox();
    writeFileSync(join(box.work, 'starter.ts'), blueprintFile('starter', "  render: () => ({ files: [] }),"));
    writeFileSync(join(box.work, '.catalyst-gen.yaml'), '# our catalogue\nblueprints:\n  - ./starter.ts\n');
    const r = cg(box, ['new', 'starter', './out', '--no-input']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Two blueprints have the id "starter": the built-in catalogue and ./starter.ts (listed in ${join(box.work, '.catalyst-gen.yaml')}:3).`);
    expect(existsSync(join(box.work, 'out'))).toBe(false);
  });

  it('a file that is not a catalogue is an error with its lines', () => {
    const box = sandbox();
    writeFileSync(join(box.work, '.catalyst-gen.yaml'), 'blueprints:\n  - three-tier-web\n  - 42\nsources: []\n');
    const r = cg(box, ['list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\.catalyst-gen\.yaml:2:5: error CATALOGUE-CONFIG "three-tier-web" is a blueprint id; a catalogue file lists where blueprints come from\./);
    expect(r.stderr).toMatch(/\.catalyst-gen\.yaml:3:5: error CATALOGUE-CONFIG Item 1 is 42; each item is a source written as a string\./);
    expect(r.stderr).toMatch(/\.catalyst-gen\.yaml:4:1: error CATALOGUE-CONFIG Unknown key "sources"/);
  });
});

describe('update finds the blueprint again', () => {
  it('merges a new version of the blueprint with the user edits, and says the version changed', () => {
    const box = sandbox();
    const bps = join(box.work, 'bps');
    writeFiles(bps, serviceBlueprint('1.0.0'));
    expect(cg(box, ['new', './bps/service.ts', './svc', '--no-input']).code).toBe(0);
    const svc = join(box.work, 'svc');
    const wfPath = join(svc, '.codecatalyst/workflows/ci.yaml');
    // The user's edits: a comment in the managed workflow, a line in their README.
    writeFileSync(wfPath, readFileSync(wfPath, 'utf8').replace('Actions:\n', 'Actions:\n  # keep tests fast\n'));
    writeFileSync(join(svc, 'README.md'), `${readFileSync(join(svc, 'README.md'), 'utf8')}\nOn call: #payments\n`);

    // Version 1.1.0: lint before tests, and a CODEOWNERS file.
    writeFiles(bps, serviceBlueprint('1.1.0', "\n      { type: 'text', path: 'CODEOWNERS', content: '* @acme/platform' },"));
    writeFileSync(join(bps, 'steps.ts'), "export function ciSteps(runtime: string): string[] {\n  return runtime === 'nodejs20' ? ['npm ci', 'npm run lint', 'npm test'] : ['python -m pytest'];\n}\n");
    const r = cg(box, ['update', './svc', '--no-input']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Blueprint "service" comes from ../bps/service.ts (recorded in .catalyst-gen/manifest.json): its code runs now, with your permissions, as a build script\'s would.');
    expect(r.stderr).toContain('Blueprint "service": 1.0.0 -> 1.1.0; its changes are merged with yours.');
    const wfText = readFileSync(wfPath, 'utf8');
    expect(wfText).toContain('  # keep tests fast\n');
    expect(parse(wfText).Actions.Test.Configuration.Steps).toEqual([{ Run: 'npm ci' }, { Run: 'npm run lint' }, { Run: 'npm test' }]);
    expect(readFileSync(join(svc, 'CODEOWNERS'), 'utf8')).toBe('* @acme/platform\n');
    expect(readFileSync(join(svc, 'README.md'), 'utf8')).toContain('On call: #payments');
    expect(manifestOf(svc).blueprint).toMatchObject({ version: '1.1.0' });
  });

  it('in a fresh clone: names the code it runs, says how to get a source that is missing, takes --from', () => {
    const box = sandbox();
    writeFileSync(join(box.work, 'hello.ts'), README_HELLO);
    expect(cg(box, ['new', './hello.ts', './proj/app', '--no-input']).code).toBe(0);
    // The clone has the project but not the blueprint next to it.
    const clone = join(box.root, 'clone');
    cpSync(join(box.work, 'proj'), clone, { recursive: true });
    const missing = cg(box, ['update', join(clone, 'app'), '--no-input']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`The blueprint of this project, ../../hello.ts (recorded in .catalyst-gen/manifest.json in ${join(clone, 'app')}), does not exist. Restore it, or name where it is now: catalyst-gen update --from <path or package>.`);

    const moved = join(box.root, 'blueprints/hello.ts');
    writeFiles(box.root, { 'blueprints/hello.ts': README_HELLO });
    const from = cg(box, ['update', join(clone, 'app'), '--no-input', '--from', moved]);
    expect(from.code, from.stderr).toBe(0);
    expect(from.stderr).toContain(`Blueprint "hello" comes from ../../blueprints/hello.ts: its code runs now`);
    expect(manifestOf(join(clone, 'app')).blueprint).toEqual({ id: 'hello', version: '1.0.0', source: { type: 'path', path: '../../blueprints/hello.ts' } });

    writeFileSync(join(box.root, 'other.ts'), blueprintFile('other', "  render: () => ({ files: [] }),"));
    const wrong = cg(box, ['update', join(clone, 'app'), '--no-input', '--from', join(box.root, 'other.ts')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('is blueprint "other", but');
  });

  it('a blueprint the project was not made with is refused', () => {
    const box = sandbox();
    writeFileSync(join(box.work, 'hello.ts'), README_HELLO);
    expect(cg(box, ['new', 'starter', './app', '--no-input']).code).toBe(0);
    renameSync(join(box.work, 'hello.ts'), join(box.work, 'hi.ts'));
    const r = cg(box, ['new', './hi.ts', './app', '--no-input']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('was generated from blueprint "starter", not "hello"');
  });
});
