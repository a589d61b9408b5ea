import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { editDevfileAddCommand, editDevfileAddEnv, editDevfileSetImage } from '../../src/edit/devfile.js';
import { mergeYamlEdits } from '../../src/edit/yaml-merge.js';
import { UsageError, ValidationError } from '../../src/errors.js';
import { isYaml11Ambiguous } from '../../src/render/serialize.js';
import { cli, tempDir } from '../helpers/cli.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DEVFILE = [
  '# My devfile',
  'schemaVersion: 2.0.0',
  'metadata:',
  "  name: 'aws-universal'   # quoted on purpose",
  'components:',
  '  - name: aws-runtime',
  '    container:',
  '      image: public.ecr.aws/aws-mde/universal-image:4.0    # pinned',
  '      mountSources: true',
  '      env:',
  '        - name: MODE',
  '          value: dev      # the default',
  '',
].join('\n');

/** Lines of `after` that differ from `before`, by position (edits here only append or change lines in place). */
function changedLines(before: string, after: string): string[] {
  const b = before.split('\n');
  return after.split('\n').filter((l, i) => b[i] !== l);
}

/** A YAML 1.1 reader's view of the text. */
const read11 = (text: string) => parse(text, { version: '1.1' }) as { components: { container: { env: { name: string; value: unknown }[]; image: unknown } }[]; events?: { postStart: unknown[] } };

describe('values written by edits read the same under YAML 1.1', () => {
  it('the predicate is the serializer rule', () => {
    for (const v of ['yes', 'no', 'on', 'off', 'y', '0755', '1:20', '2024-01-01']) expect(isYaml11Ambiguous(v), v).toBe(true);
    for (const v of ['dev', 'us-west-2', 'hello world', 'public.ecr.aws/x:4.0']) expect(isYaml11Ambiguous(v), v).toBe(false);
  });

  it('add-env DEBUG=yes writes a string, a new entry and a replaced value alike', () => {
    const added = editDevfileAddEnv(DEVFILE, { name: 'DEBUG', value: 'yes' });
    expect(added.text).toContain('value: "yes"');
    expect(read11(added.text).components[0]!.container.env.find((e) => e.name === 'DEBUG')!.value).toBe('yes');
    const replaced = editDevfileAddEnv(DEVFILE, { name: 'MODE', value: 'off' });
    expect(read11(replaced.text).components[0]!.container.env.find((e) => e.name === 'MODE')!.value).toBe('off');
    expect(replaced.text).toContain('value: "off"      # the default');
  });

  it('a command id and an image that a 1.1 reader would misread are quoted', () => {
    const cmd = editDevfileAddCommand(DEVFILE, { id: 'on', commandLine: 'make', postStart: true });
    expect(read11(cmd.text).events!.postStart).toEqual(['on']);
    const img = editDevfileSetImage(DEVFILE, { image: '0755' });
    expect(read11(img.text).components[0]!.container.image).toBe('0755');
  });

  it("yaml-merge's replacements quote too", () => {
    const base = 'env:\n  MODE: dev\n';
    const theirs = 'env:\n  MODE: "yes"\n';
    const r = mergeYamlEdits(base, 'env:\n  MODE: dev # mine\n', theirs);
    expect(r.ok).toBe(true);
    if (r.ok) expect((parse(r.text, { version: '1.1' }) as { env: { MODE: unknown } }).env.MODE).toBe('yes');
  });
});

describe('only the intended lines change', () => {
  it('keeps the spacing before trailing comments on untouched lines', () => {
    const r = editDevfileAddEnv(DEVFILE, { name: 'DEBUG', value: '1' });
    expect(r.text).toContain("  name: 'aws-universal'   # quoted on purpose\n");
    expect(r.text).toContain('universal-image:4.0    # pinned\n');
    expect(changedLines(DEVFILE, r.text).filter((l) => l !== '')).toEqual(['        - name: DEBUG', '          value: "1"']);
  });

  it('keeps CRLF line endings of a CRLF file', () => {
    const crlf = DEVFILE.replace(/\n/g, '\r\n');
    const r = editDevfileAddEnv(crlf, { name: 'DEBUG', value: '1' });
    expect(r.text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(r.text).toBe(editDevfileAddEnv(DEVFILE, { name: 'DEBUG', value: '1' }).text.replace(/\n/g, '\r\n'));
    expect(r.text.startsWith(crlf.slice(0, crlf.indexOf('      env:')))).toBe(true);
  });
});

describe('devfile edit errors', () => {
  it('malformed arguments are usage errors (exit 2)', async () => {
    const dir = tempDir();
    const f = join(dir, 'devfile.yaml');
    writeFileSync(f, DEVFILE);
    expect(() => editDevfileSetImage(DEVFILE, { image: '' })).toThrow(UsageError);
    expect(() => editDevfileAddCommand(DEVFILE, { id: 'x', commandLine: ' ' })).toThrow(UsageError);
    expect((await cli('devfile', 'add-env', 'NOVALUE', '--file', f)).code).toBe(2);
    expect((await cli('devfile', 'set-image', '', '--file', f)).code).toBe(2);
    const upper = await cli('devfile', 'add-command', '--id', 'Install', '--run', 'make', '--file', f);
    expect(upper.code).toBe(1);
    expect(upper.stderr).toMatch(/lowercase/);
    expect(() => editDevfileAddCommand(DEVFILE, { id: 'Install', commandLine: 'make' })).toThrow(ValidationError);
    expect(readFileSync(f, 'utf8')).toBe(DEVFILE);
  });

  it('a located edit error is printed once', async () => {
    const dir = tempDir();
    const f = join(dir, 'devfile.yaml');
    writeFileSync(f, DEVFILE);
    const r = await cli('devfile', 'add-env', 'A=b', '--component', 'nope', '--file', f);
    expect(r.code).toBe(1);
    expect(r.stderr.match(/There is no component "nope"/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/was not changed/);
  });
});
