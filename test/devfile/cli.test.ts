import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';
import { validateDevfile } from '../../src/index.js';

const FIXTURE = resolve(process.cwd(), 'test', 'devfile', 'fixtures', 'commented.devfile.yaml');

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), color: false, stdinIsTty: false };
}

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'devfile-cli-'));
  file = join(dir, 'devfile.yaml');
  copyFileSync(FIXTURE, file);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('catalyst-gen devfile', () => {
  it('add-env writes the file, keeps its comments, and the result validates', async () => {
    const o = capture();
    expect(await run(['devfile', 'add-env', 'IS_LOCAL=true', '--file', file], o)).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# Keep metadata.name and the aws-runtime component name');
    expect(validateDevfile(text).filter((d) => d.severity === 'error')).toEqual([]);
    expect((parse(text) as { components: { container: { env: { name: string; value: string }[] } }[] }).components[0]!.container.env).toContainEqual({ name: 'IS_LOCAL', value: 'true' });
    expect(o.stdout.join('\n')).toMatch(/updated .*IS_LOCAL=true/);
  });

  it('the walkthrough as commands: sidecar, command at start, image', async () => {
    const o = capture();
    expect(await run(['devfile', 'add-sidecar', 'dynamodb-local', '--file', file], o)).toBe(0);
    expect(await run(['devfile', 'add-command', '--id', 'install-dev', '--run', 'pip install -r requirements-dev.txt', '--post-start', '--file', file], o)).toBe(0);
    expect(await run(['devfile', 'set-image', 'public.ecr.aws/aws-mde/universal-image:4.0', '--component', 'aws-runtime', '--file', file], o)).toBe(0);
    const value = parse(readFileSync(file, 'utf8')) as { components: { name: string }[]; events: { postStart: string[] } };
    expect(value.components.map((c) => c.name)).toEqual(['aws-runtime', 'dynamodb-local', 'docker-store']);
    expect(value.events.postStart).toEqual(['install-dev']);
    expect(o.stdout.join('\n')).toMatch(/already says that/);
  });

  it.each([
    ['unknown sidecar', ['devfile', 'add-sidecar', 'mongo'], /Unknown sidecar "mongo"/],
    ['uppercase id', ['devfile', 'add-command', '--id', 'Build', '--run', 'make'], /lowercase/],
    ['missing component', ['devfile', 'add-env', 'A=b', '--component', 'nope'], /no component "nope"/],
    ['not NAME=VALUE (a usage error)', ['devfile', 'add-env', 'JUSTANAME'], /not NAME=VALUE/, 2],
  ] as [string, string[], RegExp, number?][])('%s: exit 1 (usage: 2), a clear message, the file untouched', async (_what, argv, message, code = 1) => {
    const o = capture();
    expect(await run([...argv, '--file', file], o)).toBe(code);
    expect(o.stderr.join('\n')).toMatch(message);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(FIXTURE, 'utf8'));
  });

  it('a component that does not exist is shown with its file:line:col', async () => {
    const o = capture();
    expect(await run(['devfile', 'set-image', 'x:1', '--component', 'nope', '--file', file], o)).toBe(1);
    expect(o.stderr.join('\n')).toMatch(/devfile\.yaml:9:1: error DEVFILE-EDIT There is no component "nope"/);
  });

  it.each([
    ['malformed YAML', 'schemaVersion: 2.0.0\ncomponents: [\n', /devfile\.yaml:\d+:\d+: error YAML-SYNTAX/],
    ['a list', '- name: a\n', /devfile\.yaml:1:1: error YAML-NOT-A-MAPPING/],
    ['a scalar', 'devfile\n', /devfile\.yaml:1:1: error YAML-NOT-A-MAPPING/],
    ['several documents', 'schemaVersion: 2.0.0\n---\na: 1\n', /devfile\.yaml:2:1: error YAML-MULTI-DOCUMENT/],
  ])('refuses %s with exit 1 and leaves it untouched', async (_what, text, message) => {
    writeFileSync(file, text);
    const o = capture();
    expect(await run(['devfile', 'add-env', 'A=b', '--file', file], o)).toBe(1);
    expect(o.stderr.join('\n')).toMatch(message);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a missing devfile is a usage error', async () => {
    const o = capture();
    expect(await run(['devfile', 'add-env', 'A=b', '--file', join(dir, 'nope.yaml')], o)).toBe(2);
  });
});

describe('catalyst-gen validate on devfiles', () => {
  it('finds devfile.yaml, .devfile.yaml and devfile.yml in a folder', async () => {
    copyFileSync(FIXTURE, join(dir, '.devfile.yaml'));
    const bad = '    container: { image: "a:1", env: [{ name: COUNT, value: 1 }] }';
    writeFileSync(join(dir, 'devfile.yml'), `schemaVersion: 2.0.0\ncomponents:\n  - name: x\n${bad}\n`);
    const o = capture();
    expect(await run(['validate', dir, '--format', 'json'], o)).toBe(1);
    const { diagnostics } = JSON.parse(o.stdout.join('')) as { diagnostics: { code: string; file: string; line: number; col: number }[] };
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'DEVFILE-SCHEMA-TYPE', line: 4, col: bad.indexOf('value: 1') + 'value: '.length + 1 });
    expect(diagnostics[0]!.file).toMatch(/devfile\.yml$/);
  });

  it('--devfile-profile generic accepts a 2.2 devfile the CodeCatalyst profile rejects', async () => {
    writeFileSync(file, 'schemaVersion: 2.2.0\nmetadata: { name: a }\n');
    expect(await run(['validate', file], capture())).toBe(1);
    expect(await run(['validate', file, '--devfile-profile', 'generic'], capture())).toBe(0);
  });

  it('text output is file:line:col: severity code message with the source line', async () => {
    writeFileSync(file, 'schemaVersion: 2.0.0\nevents:\n  preStop: [cleanup]\n');
    const o = capture();
    expect(await run(['validate', file], o)).toBe(1);
    expect(o.stdout.join('\n')).toMatch(/devfile\.yaml:3:13: error DEVFILE-EVENT-COMMAND The preStop event names command "cleanup"/);
    expect(o.stdout.join('\n')).toMatch(/devfile\.yaml:3:3: error DEVFILE-CC-EVENT/);
  });

  it('schema devfile prints the 2.0.0 schema for editors', async () => {
    const o = capture();
    expect(await run(['schema', 'devfile'], o)).toBe(0);
    const schema = JSON.parse(o.stdout.join('')) as { title: string; properties: { schemaVersion: { pattern: string } } };
    expect(schema.title).toBe('Devfile 2.0.0');
    expect(schema.properties.schemaVersion.pattern).toBe('^2\\.0\\.0$');
  });
});

const BIN = resolve(process.cwd(), 'dist', 'src', 'cli', 'bin.js');
describe.skipIf(!existsSync(BIN))('built binary (run "npm run build" first)', () => {
  it('devfile add-sidecar postgres, then validate: exit 0', () => {
    execFileSync('node', [BIN, 'devfile', 'add-sidecar', 'postgres', '--file', file], { encoding: 'utf8' });
    const out = execFileSync('node', [BIN, 'validate', file], { encoding: 'utf8' });
    expect(out).toMatch(/1 file checked: 0 errors/);
    expect(readFileSync(file, 'utf8')).toMatch(/- name: postgres\n/);
  });
});
