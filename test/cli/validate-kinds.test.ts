import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { SHARED } from '../helpers/files.js';
import { BROKEN } from '../workflow/helpers.js';

/** The shared conformance files, read in place when this checkout sits beside them (never copied in). */
const CONFORMANCE = resolve(SHARED, 'conformance');
const hasConformance = existsSync(join(CONFORMANCE, 'workflows', 'EXPECTED.tsv')) && existsSync(join(CONFORMANCE, 'devfile', 'EXPECTED.tsv'));

const BROKEN_WORKFLOW = BROKEN;

const BROKEN_DEVFILE = ['schemaVersion: 2.0.0', 'metadata:', '  name: x', 'components:', '  - name: Bad_Name', '    container:', '      image: alpine', ''].join('\n');

const BROKEN_BUILDSPEC = ['version: 0.2', 'phases:', '  build:', '    commandz:', '      - make', ''].join('\n');

const cwd = process.cwd();
afterEach(() => process.chdir(cwd));

function project(): string {
  const dir = tempDir('cg-kinds-');
  mkdirSync(join(dir, '.codecatalyst', 'workflows'), { recursive: true });
  writeFileSync(join(dir, '.codecatalyst', 'workflows', 'release.yaml'), BROKEN_WORKFLOW);
  return dir;
}

describe('validate: the kind of a file comes from its full path', () => {
  it('`validate .codecatalyst` scans the workflows folder it names', async () => {
    const dir = project();
    process.chdir(dir);
    const r = await cli('validate', '.codecatalyst');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('WF-DEPENDS');
    expect(r.stdout).toMatch(/1 file checked: [1-9]\d* errors?/);
  });

  it('a workflow named from inside .codecatalyst/workflows is validated as a workflow', async () => {
    const dir = project();
    process.chdir(join(dir, '.codecatalyst', 'workflows'));
    const r = await cli('validate', 'release.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('release.yaml:9:');
    expect(r.stdout).toContain('WF-DEPENDS');
  });
});

describe('validate: files named explicitly get their kind from their content, or --kind', () => {
  it.each([
    ['a workflow copied elsewhere', 'workflow.yml', BROKEN_WORKFLOW, 'WF-'],
    ['a devfile under another name', 'foo.yaml', BROKEN_DEVFILE, 'DEVFILE-'],
    ['a buildspec under another name', 'buildspec2.yml', BROKEN_BUILDSPEC, 'BUILDSPEC-'],
  ])('%s is validated, not just parsed', async (_what, name, text, code) => {
    const f = join(tempDir(), name);
    writeFileSync(f, text);
    const r = await cli('validate', f);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(code);
    expect(r.stdout).not.toContain('VALIDATE-KIND-UNKNOWN');
  });

  it('--kind forces the kind', async () => {
    const f = join(tempDir(), 'odd.yaml');
    writeFileSync(f, 'Actions: {}\n'); // shaped like a workflow, forced to be a devfile
    const r = await cli('validate', f, '--kind', 'devfile', '--format', 'json');
    const codes = (JSON.parse(r.stdout) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code);
    expect(codes.some((c) => c.startsWith('DEVFILE-'))).toBe(true);
    expect(r.code).toBe(1);
    expect((await cli('validate', f, '--kind', 'pipeline')).code).toBe(2);
  });

  it('a YAML file of unknown kind gets a warning, and the summary does not claim it was validated', async () => {
    const f = join(tempDir(), 'values.yaml');
    writeFileSync(f, 'replicas: 2\nimage: nginx\n');
    const r = await cli('validate', f);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning VALIDATE-KIND-UNKNOWN Only the YAML syntax of .*values\.yaml was checked/);
    expect(r.stdout).not.toMatch(/checked: 0 errors/);
    expect(r.stdout).toMatch(/0 files validated, 1 only parsed \(kind unknown, not validated\)/);
  });

  it('a non-YAML file named explicitly is a clear error', async () => {
    const f = join(tempDir(), 'x.txt');
    writeFileSync(f, 'just some notes: about {things\n');
    const r = await cli('validate', f);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('VALIDATE-NOT-YAML');
    expect(r.stdout).toMatch(/is not a YAML or JSON file/);
  });

  it('binary content: not a text file', async () => {
    const f = join(tempDir(), 'devfile.yaml');
    writeFileSync(f, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const r = await cli('validate', f);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/VALIDATE-NOT-TEXT .*not a text file/);
  });
});

describe('validate and graph: paths that are not readable files', () => {
  it('a symbolic link loop says ELOOP, not "no such file"', async () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'b.yaml'), join(dir, 'a.yaml'));
    symlinkSync(join(dir, 'a.yaml'), join(dir, 'b.yaml'));
    const r = await cli('validate', join(dir, 'a.yaml'));
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('ELOOP');
    expect(r.stderr).not.toMatch(/no such file/i);
  });

  it('a missing file is a usage error', async () => {
    const r = await cli('validate', join(tempDir(), 'nope.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No such file or folder/);
  });

  it('graph of a folder, and a devfile edit of a folder named devfile.yaml: exit 2, no raw EISDIR', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'devfile.yaml'));
    const g = await cli('graph', dir);
    expect(g.code).toBe(2);
    expect(g.stderr).toMatch(/is a folder, not a workflow file/);
    expect(g.stderr).not.toContain('EISDIR');
    const d = await cli('devfile', 'add-env', 'A=b', '--file', join(dir, 'devfile.yaml'));
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/is a folder, not a devfile/);
    expect(d.stderr).not.toContain('EISDIR');
  });

  it('a folder scan follows a symbolic link to a devfile and survives a link loop', async () => {
    const dir = tempDir();
    const real = join(tempDir(), 'real.yaml');
    writeFileSync(real, BROKEN_DEVFILE);
    symlinkSync(real, join(dir, 'devfile.yaml'));
    symlinkSync(dir, join(dir, 'loop'));
    const r = await cli('validate', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('DEVFILE-');
  });
});

describe.skipIf(!hasConformance)('validate: conformance files named explicitly are validated by content', () => {
  it('every real workflow gets its expected verdict, none only parsed', async () => {
    const rows = readFileSync(join(CONFORMANCE, 'workflows', 'EXPECTED.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    for (const row of rows) {
      const [file, expected] = row.split('\t');
      const r = await cli('validate', join(CONFORMANCE, 'workflows', file!), '--format', 'json');
      const codes = (JSON.parse(r.stdout) as { diagnostics: { code: string; severity: string }[] }).diagnostics;
      expect(codes.map((d) => d.code), file).not.toContain('VALIDATE-KIND-UNKNOWN');
      expect(r.code, file).toBe(expected === 'valid' ? 0 : 1);
    }
  });

  it('the devfile cases are validated as devfiles: the schema-invalid ones fail', async () => {
    const rows = readFileSync(join(CONFORMANCE, 'devfile', 'EXPECTED.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    const invalid = rows.map((r) => r.split('\t')).filter((c) => c[1] === 'invalid' && c[3] === 'yes' && !c[5]).slice(0, 15);
    expect(invalid.length).toBeGreaterThan(0);
    for (const [file] of invalid) {
      const r = await cli('validate', join(CONFORMANCE, 'devfile', file!), '--devfile-profile', 'generic', '--format', 'json');
      const codes = (JSON.parse(r.stdout) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code);
      expect(codes, file).not.toContain('VALIDATE-KIND-UNKNOWN');
      expect(r.code, file).toBe(1);
    }
    expect(readdirSync(join(CONFORMANCE, 'devfile', 'cases')).length).toBeGreaterThan(0);
  });
});
