import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { diffArrays } from 'diff';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  editDevfileAddCommand,
  editDevfileAddEnv,
  editDevfileAddSidecar,
  editDevfileSetImage,
  validateDevfile,
  ValidationError,
  type DevfileEditResult,
} from '../../src/index.js';
import { detectYamlStyle } from '../../src/edit/yaml-document.js';

const FIXTURE = resolve(process.cwd(), 'test', 'devfile', 'fixtures', 'commented.devfile.yaml');
const original = readFileSync(FIXTURE, 'utf8');

/** Lines removed from and added to `before`, in order. */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffArrays(before.split('\n'), after.split('\n'))) {
    if (part.removed) removed.push(...part.value);
    if (part.added) added.push(...part.value);
  }
  return { removed, added };
}

function expectValid(result: DevfileEditResult): void {
  expect(validateDevfile(result.text, 'devfile.yaml').filter((d) => d.severity === 'error')).toEqual([]);
}

describe('comment-preserving devfile edits (golden files)', () => {
  it('add-env appends one env entry to the main container and changes nothing else', async () => {
    const r = editDevfileAddEnv(original, { name: 'IS_LOCAL', value: 'true' });
    expect(changedLines(original, r.text)).toEqual({ removed: [], added: ['        - name: IS_LOCAL', '          value: "true"'] });
    expectValid(r);
    const env = (parse(r.text) as { components: { container: { env: unknown[] } }[] }).components[0]!.container.env;
    expect(env).toEqual([{ name: 'AWS_REGION', value: 'us-west-2' }, { name: 'IS_LOCAL', value: 'true' }]);
    await expect(r.text).toMatchFileSnapshot('./__golden__/add-env.devfile.yaml');
  });

  it('add-env on an existing name replaces just its value line', () => {
    const r = editDevfileAddEnv(original, { name: 'AWS_REGION', value: 'eu-west-1' });
    expect(changedLines(original, r.text)).toEqual({ removed: ["          value: 'us-west-2'"], added: ["          value: 'eu-west-1'"] }); // the quoting of the old value is kept
  });

  it('add-env with the value already set changes nothing', () => {
    const r = editDevfileAddEnv(original, { name: 'AWS_REGION', value: 'us-west-2' });
    expect(r.changed).toBe(false);
    expect(r.text).toBe(original);
  });

  it('add-sidecar dynamodb-local adds the container after the main one and IS_LOCAL/endpoint to the main env', async () => {
    const r = editDevfileAddSidecar(original, { sidecar: 'dynamodb-local' });
    const { removed, added } = changedLines(original, r.text);
    expect(removed).toEqual([]);
    expect(added).toEqual([
      '        - name: DYNAMODB_ENDPOINT',
      '          value: http://localhost:8000',
      '        - name: IS_LOCAL',
      '          value: "true"',
      '  - name: dynamodb-local',
      '    container:',
      '      image: public.ecr.aws/aws-dynamodb-local/aws-dynamodb-local:2.5.3',
      '      mountSources: false',
      '      args:',
      '        - -jar',
      '        - DynamoDBLocal.jar',
      '        - -sharedDb',
      '        - -inMemory',
      '        - -port',
      '        - "8000"',
    ]);
    expectValid(r);
    // The comment and blank line above the volume stay with the volume.
    expect(r.text).toMatch(/"8000"\n\n  # Docker layers survive restarts here.\n  - name: docker-store/);
    await expect(r.text).toMatchFileSnapshot('./__golden__/add-sidecar-dynamodb-local.devfile.yaml');
  });

  it.each(['postgres', 'redis'])('add-sidecar %s only adds lines and stays valid', (sidecar) => {
    const r = editDevfileAddSidecar(original, { sidecar });
    expect(changedLines(original, r.text).removed).toEqual([]);
    expect(r.text).toContain(`  - name: ${sidecar}\n`);
    expectValid(r);
  });

  it('add-command --post-start adds the command and a postStart event before the closing comment', async () => {
    const r = editDevfileAddCommand(original, { id: 'unit-tests', commandLine: 'pytest -k unit', postStart: true });
    expect(changedLines(original, r.text)).toEqual({
      removed: [],
      added: [
        '  - id: unit-tests',
        '    exec:',
        '      component: aws-runtime',
        '      commandLine: pytest -k unit',
        '      workingDir: $PROJECT_SOURCE',
        'events:',
        '  postStart:',
        '    - unit-tests',
      ],
    });
    expectValid(r);
    expect(r.text.endsWith('    - unit-tests\n# end of file\n')).toBe(true);
    await expect(r.text).toMatchFileSnapshot('./__golden__/add-command.devfile.yaml');
  });

  it('set-image replaces the image and keeps its trailing comment', async () => {
    const r = editDevfileSetImage(original, { image: 'public.ecr.aws/aws-mde/universal-image:3.0' });
    expect(changedLines(original, r.text)).toEqual({
      removed: ['      image: public.ecr.aws/aws-mde/universal-image:4.0 # pinned on purpose'],
      added: ['      image: public.ecr.aws/aws-mde/universal-image:3.0 # pinned on purpose'],
    });
    await expect(r.text).toMatchFileSnapshot('./__golden__/set-image.devfile.yaml');
  });

  it('set-image --component changes the named container', () => {
    const withSidecar = editDevfileAddSidecar(original, { sidecar: 'redis' }).text;
    const r = editDevfileSetImage(withSidecar, { component: 'redis', image: 'public.ecr.aws/docker/library/redis:7.2' });
    expect(changedLines(withSidecar, r.text)).toEqual({ removed: ['      image: public.ecr.aws/docker/library/redis:7'], added: ['      image: public.ecr.aws/docker/library/redis:7.2'] });
  });

  it.each([
    ['4-space indentation', ['schemaVersion: 2.0.0', 'metadata:', '    name: app', 'components:', '    - name: main', '      container:', '          image: public.ecr.aws/aws-mde/universal-image:4.0', '          mountSources: true', ''], { indent: 4, indentSeq: true }, ['          env:', '              - name: A', '                value: b']],
    ['lists level with their key', ['schemaVersion: 2.0.0', 'components:', '- name: main', '  container:', '    image: public.ecr.aws/aws-mde/universal-image:4.0', '    mountSources: true', ''], { indent: 2, indentSeq: false }, ['    env:', '    - name: A', '      value: b']],
  ] as const)('keeps a file with %s in its own style', (_what, lines, style, added) => {
    const text = lines.join('\n');
    expect(detectYamlStyle(text)).toEqual(style);
    const r = editDevfileAddEnv(text, { name: 'A', value: 'b' });
    expect(changedLines(text, r.text)).toEqual({ removed: [], added });
  });
});

describe('edits refuse bad input and return nothing', () => {
  const refused = (fn: () => unknown): ValidationError => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return e as ValidationError;
    }
    throw new Error('expected the edit to be refused');
  };

  it('malformed YAML: the syntax error with its line', () => {
    const e = refused(() => editDevfileAddEnv('schemaVersion: 2.0.0\ncomponents:\n  - name: [a\n', { name: 'A', value: 'b' }));
    expect(e.diagnostics[0]).toMatchObject({ code: 'YAML-SYNTAX', file: 'devfile.yaml' });
    expect(e.diagnostics[0]!.line).toBeGreaterThan(1);
  });

  it('several documents', () => {
    const e = refused(() => editDevfileAddEnv('schemaVersion: 2.0.0\n---\nschemaVersion: 2.0.0\n', { name: 'A', value: 'b' }));
    expect(e.diagnostics.map((d) => [d.code, d.line])).toEqual([['YAML-MULTI-DOCUMENT', 2]]);
  });

  it.each([
    ['a list', '- name: a\n- name: b\n'],
    ['a scalar', 'just text\n'],
  ])('a devfile that is %s', (_what, text) => {
    const e = refused(() => editDevfileAddEnv(text, { name: 'A', value: 'b' }));
    expect(e.diagnostics[0]).toMatchObject({ code: 'YAML-NOT-A-MAPPING', line: 1, col: 1 });
  });

  it('unknown sidecar name, with a suggestion', () => {
    expect(refused(() => editDevfileAddSidecar(original, { sidecar: 'postgress' })).message).toMatch(/Unknown sidecar "postgress". Did you mean "postgres"\?/);
  });

  it('a command id with uppercase letters', () => {
    expect(refused(() => editDevfileAddCommand(original, { id: 'RunTests', commandLine: 'pytest' })).message).toMatch(/lowercase.*Use "runtests"/);
  });

  it('a component that does not exist: located at the components list', () => {
    const e = refused(() => editDevfileAddEnv(original, { name: 'A', value: 'b', component: 'aws-runtme' }));
    expect(e.diagnostics[0]!.message).toMatch(/no component "aws-runtme". Did you mean "aws-runtime"\?/);
    expect(e.diagnostics[0]).toMatchObject({ code: 'DEVFILE-EDIT', line: original.split('\n').indexOf('components:') + 1 });
  });

  it('a component that is not a container', () => {
    expect(refused(() => editDevfileSetImage(original, { component: 'docker-store', image: 'x:1' })).diagnostics[0]!.message).toMatch(/volume component, not a container/);
  });

  it('a duplicate command id', () => {
    expect(refused(() => editDevfileAddCommand(original, { id: 'install', commandLine: 'npm ci' })).diagnostics[0]!.message).toMatch(/already has a command "install"/);
  });

  it('an edit whose result breaks a rule (reserved env name) is refused with the new line', () => {
    const e = refused(() => editDevfileAddEnv(original, { name: 'PROJECT_SOURCE', value: '/x' }));
    expect(e.diagnostics.map((d) => d.code)).toEqual(['DEVFILE-ENV-RESERVED']);
    const shown = e.sources.get('devfile.yaml')!.split('\n')[e.diagnostics[0]!.line! - 1];
    expect(shown).toContain('- name: PROJECT_SOURCE');
  });
});
