import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_YAML_DEPTH } from '../../src/validate/yaml-limits.js';
import { snapshotTree, tempDir } from '../helpers/cli.js';
import { runChild, type ChildRun } from '../helpers/child-cli.js';

// Hostile and malformed YAML through every command that reads YAML, as users run them: the installed command
// (package.json `bin`, the bundle the test set-up builds) in its own process, so exit codes, stdout and stderr
// are real. Each must end with the documented exit code and one line naming the file, line and problem: no stack
// trace, no path of the machine that built the bundle. Memory and time are bounded generously: the heap is capped
// (a bomb that expanded would die of it), peak RSS is measured in the child, and the wall clock has a wide margin.

const MAX_RSS_MB = 600;
const MAX_MS = 30_000;

type Run = ChildRun;

function cli(cwd: string, ...args: string[]): Promise<Run> {
  // codebuild sync must never get as far as AWS here; if it did, it would fail at once rather than wait.
  return runChild(cwd, args, {
    env: { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_ENDPOINT_URL_CODEBUILD: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' },
  });
}

/** The hostile inputs: the text, and the line and code its one error must name. */
interface Hostile {
  readonly name: string;
  readonly text: string;
  readonly line: number;
  readonly code: string;
}

const head = 'schemaVersion: 2.0.0\nversion: 0.2\n';
const HOSTILE: readonly Hostile[] = [
  {
    // "Billion laughs": each level aliases the previous one nine times, 9^10 strings if expanded.
    name: 'alias bomb',
    text: head + 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n' + Array.from({ length: 10 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]\n`).join(''),
    line: 6,
    code: 'YAML-ALIAS-LIMIT',
  },
  {
    name: 'alias before its anchor',
    text: head + 'metadata: *m\nlater: &m { name: x }\n',
    line: 3,
    code: 'YAML-ALIAS-UNDEFINED',
  },
  {
    // The same multiplication through merge keys: each mapping merges the previous one twice.
    name: 'merge-key bomb',
    text: head + 'm0: &m0 { a: 1, b: 2 }\n' + Array.from({ length: 30 }, (_, i) => `m${i + 1}: &m${i + 1} { <<: [*m${i}, *m${i}], k${i + 1}: 1 }\n`).join(''),
    // Each copy of m(n) holds 3^n: m5's first alias of m4 (3 uses of 81) passes yaml's guard of 100.
    line: 8,
    code: 'YAML-ALIAS-LIMIT',
  },
  {
    name: '10,000 levels of [ flow nesting',
    text: head + 'x: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n',
    line: 3,
    code: 'YAML-TOO-DEEP',
  },
  {
    name: '10,000 levels of block nesting (- - - ...)',
    text: head + 'x:\n  ' + '- '.repeat(10_000) + 'deep\n',
    line: 4,
    code: 'YAML-TOO-DEEP',
  },
  {
    // Indented block mappings, one level per line: the deepest the 10 MiB file limit lets through is about 4,500.
    name: '3,000 levels of indented block mappings',
    text: head + 'x:\n' + Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:\n`).join('') + ' '.repeat(3001) + 'v\n',
    line: 3 + MAX_YAML_DEPTH,
    code: 'YAML-TOO-DEEP',
  },
  {
    name: 'an alias inside the node it repeats',
    text: head + 'loop: &l [a, *l]\n',
    line: 3,
    code: 'YAML-ALIAS-CYCLE',
  },
  {
    name: '!!js/function',
    text: head + 'metadata:\n  name: x\n  attributes:\n    f: !!js/function "function () { return process.exit(9) }"\n',
    line: 6,
    code: 'YAML-TAG-UNSAFE',
  },
];

/** What every run must show, whatever the entry point. */
function expectClean(r: Run, exitCode: number): void {
  const all = r.stdout + r.stderr;
  expect(r.code, all.slice(0, 2000)).toBe(exitCode);
  expect(all).not.toMatch(/^\s+at /m); // no stack frames
  expect(all).not.toMatch(/internal error|RangeError|ReferenceError|Maximum call stack/);
  expect(all).not.toMatch(/\.tmp\/|\/dist\/|\/src\//); // no path of the build machine or the sources
  expect(r.ms).toBeLessThan(MAX_MS);
  expect(r.rssMb).toBeGreaterThan(0);
  expect(r.rssMb).toBeLessThan(MAX_RSS_MB);
}

/** The one diagnostic line `file:line:col: error CODE message` in text output. */
function expectOneLine(output: string, file: string, h: Hostile): void {
  const lines = output.split('\n').filter((l) => /^\S+:\d+:\d+: (error|warning) /.test(l));
  expect(lines, output.slice(0, 2000)).toHaveLength(1);
  const [, f, line, code] = /^(\S+):(\d+):\d+: error (\S+) /.exec(lines[0]!) ?? [];
  expect({ f, line: Number(line), code }).toEqual({ f: file, line: h.line, code: h.code });
}

describe.each(HOSTILE)('$name', (h) => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('cg-hostile-case-');
    for (const name of ['devfile.yaml', 'opts.yaml', 'buildspec.yml']) writeFileSync(join(dir, name), h.text);
    mkdirSync(join(dir, 'repo', '.codecatalyst', 'workflows'), { recursive: true });
    writeFileSync(join(dir, 'repo', '.codecatalyst', 'workflows', 'ci.yaml'), h.text);
  });

  it('validate (text): exit 1, one line with file and line', async () => {
    const r = await cli(dir, 'validate', 'devfile.yaml');
    expectClean(r, 1);
    expectOneLine(r.stdout, 'devfile.yaml', h);
  });

  it('validate --format json: exit 1, one diagnostic with file and line', async () => {
    const r = await cli(dir, 'validate', '--format', 'json', 'devfile.yaml');
    expectClean(r, 1);
    const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: { file: string; line: number; code: string; severity: string }[] };
    expect(diagnostics.map((d) => ({ file: d.file, line: d.line, code: d.code, severity: d.severity }))).toEqual([{ file: 'devfile.yaml', line: h.line, code: h.code, severity: 'error' }]);
  });

  it('validate --format sarif: exit 1, one result with file and line', async () => {
    const r = await cli(dir, 'validate', '--format', 'sarif', 'devfile.yaml');
    expectClean(r, 1);
    const sarif = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const results = sarif.runs[0]!.results;
    expect(results.map((x) => [x.ruleId, x.locations[0]!.physicalLocation.artifactLocation.uri, x.locations[0]!.physicalLocation.region.startLine])).toEqual([
      [h.code, 'devfile.yaml', h.line],
    ]);
  });

  it('validate on a folder: exit 1, one line with file and line', async () => {
    const r = await cli(dir, 'validate', 'repo');
    expectClean(r, 1);
    expectOneLine(r.stdout, 'repo/.codecatalyst/workflows/ci.yaml', h);
  });

  it('devfile add-env: exit 1, one line with file and line, the file untouched', async () => {
    const r = await cli(dir, 'devfile', 'add-env', 'A=1', '--file', 'devfile.yaml');
    expectClean(r, 1);
    expectOneLine(r.stderr, 'devfile.yaml', h);
    expect(readFileSync(join(dir, 'devfile.yaml'), 'utf8')).toBe(h.text);
  });

  it('new --options: exit 1 (as any options file that is not valid), one line with file and line, nothing written', async () => {
    const r = await cli(dir, 'new', 'starter', 'out', '--no-input', '--options', 'opts.yaml');
    expectClean(r, 1);
    expectOneLine(r.stderr, 'opts.yaml', h);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('codebuild sync --buildspec --dry-run: exit 1 before any AWS call, one line with file and line', async () => {
    const r = await cli(dir, 'codebuild', 'sync', '--project', 'p1', '--buildspec', 'buildspec.yml', '--dry-run');
    expectClean(r, 1);
    expectOneLine(r.stderr, 'buildspec.yml', h);
    expect(r.stderr).toContain('nothing was sent to CodeBuild');
  });
});

describe.each(HOSTILE)('$name, where a template or a merge reads it', (h) => {
  it('security-diff on a YAML template: exit 1, one line with file and line', async () => {
    const dir = tempDir('cg-hostile-template-');
    writeFileSync(join(dir, 'template.yaml'), h.text);
    writeFileSync(join(dir, 'after.json'), '{"Resources": {}}');
    const r = await cli(dir, 'security-diff', 'template.yaml', 'after.json');
    expectClean(r, 1);
    expectOneLine(r.stderr, 'template.yaml', h);
  });

  it('update that merges into a hostile devfile: the devfile is left as it is and named with its line; the rest is updated', async () => {
    const root = tempDir('cg-hostile-update-');
    const dir = join(root, 'app');
    expect((await cli(root, 'new', 'three-tier-web', dir, '--no-input')).code).toBe(0);
    writeFileSync(join(dir, 'devfile.yaml'), h.text);
    // appName names the devfile's table: the update must merge into the hostile file.
    const r = await cli(dir, 'update', '--set', 'appName=renamed', '--yes');
    expectClean(r, 1);
    expect(r.stderr).toMatch(new RegExp(`devfile\\.yaml: your file cannot be read to merge the blueprint's changes into it; the file was left as it is\\n\\s+your file cannot be edited: line ${h.line}: `));
    expect(readFileSync(join(dir, 'devfile.yaml'), 'utf8')).toBe(h.text);
    expect(readFileSync(join(dir, '.catalyst-gen/manifest.json'), 'utf8')).toContain('"appName": "renamed"');
  });
});

describe('the other devfile edits read the file as add-env does', () => {
  it.each([
    ['add-sidecar', 'redis'],
    ['add-command', '--id', 'build', '--run', 'make'],
    ['set-image', 'public.ecr.aws/aws-mde/universal-image:4.0'],
  ])('devfile %s: exit 1, one line with file and line, the file untouched', async (...args) => {
    const dir = tempDir();
    const bomb = HOSTILE[0]!;
    writeFileSync(join(dir, 'devfile.yaml'), bomb.text);
    const r = await cli(dir, 'devfile', ...args);
    expectClean(r, 1);
    expectOneLine(r.stderr, 'devfile.yaml', bomb);
    expect(readFileSync(join(dir, 'devfile.yaml'), 'utf8')).toBe(bomb.text);
  });
});

describe('errors come in the format asked for', () => {
  it('validate --format json missing.yaml: exit 2 (usage), the error as JSON on stdout', async () => {
    const dir = tempDir();
    const r = await cli(dir, 'validate', '--format', 'json', 'missing.yaml');
    expectClean(r, 2);
    expect(JSON.parse(r.stdout)).toEqual({ error: { kind: 'UsageError', message: 'No such file or folder: missing.yaml' }, diagnostics: [] });
  });

  it('the same through the full command line (--kind) and through the fast path', async () => {
    const dir = tempDir();
    const fast = await cli(dir, 'validate', '--format', 'json', 'missing.yaml');
    const full = await cli(dir, 'validate', '--format', 'json', '--kind', 'workflow', 'missing.yaml');
    expect({ code: full.code, stdout: full.stdout }).toEqual({ code: fast.code, stdout: fast.stdout });
  });

  it('validate --format sarif missing.yaml: exit 2, a SARIF log whose run failed with the message', async () => {
    const dir = tempDir();
    for (const extra of [[], ['--kind', 'devfile']]) {
      const r = await cli(dir, 'validate', '--format', 'sarif', ...extra, 'missing.yaml');
      expectClean(r, 2);
      const sarif = JSON.parse(r.stdout) as { version: string; runs: { results: unknown[]; invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[] };
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs[0]!.results).toEqual([]);
      expect(sarif.runs[0]!.invocations).toEqual([
        { executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'UsageError: No such file or folder: missing.yaml' } }] },
      ]);
    }
  });

  it('validate (text) missing.yaml stays one line on stderr, nothing on stdout', async () => {
    const r = await cli(tempDir(), 'validate', 'missing.yaml');
    expectClean(r, 2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: No such file or folder: missing.yaml\n');
  });
});

describe('devfile YAML 1.1 booleans and non-standard tags, through the command', () => {
  const devfile = (env: string) =>
    [
      'schemaVersion: 2.0.0',
      'metadata:',
      '  name: app',
      'components:',
      '  - name: aws-runtime',
      '    container:',
      '      image: public.ecr.aws/aws-mde/universal-image:4.0',
      '      mountSources: true',
      '      env:',
      env,
      '',
    ].join('\n');

  it('a plain yes / NO value is a warning with file:line:col and the quoting fix; exit 0', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'devfile.yaml'), devfile('        - { name: A, value: yes }\n        - name: B\n          value: NO\n        - name: C\n          value: "no"'));
    const r = await cli(dir, 'validate', 'devfile.yaml');
    expectClean(r, 0);
    expect(r.stdout).toContain('devfile.yaml:10:29: warning DEVFILE-YAML11-BOOLEAN Plain yes is the string "yes"');
    expect(r.stdout).toContain('devfile.yaml:12:18: warning DEVFILE-YAML11-BOOLEAN Plain NO is the string "NO"');
    expect(r.stdout).toContain('fix: Quote it: "yes" (or write true if a boolean is meant).');
    expect(r.stdout).toContain('fix: Quote it: "NO" (or write false if a boolean is meant).');
    expect(r.stdout).not.toMatch(/:14:\d+: warning/); // "no", quoted, is a string for every reader
    expect(r.stdout).toContain('1 file checked: 0 errors, 2 warnings.');
  });

  it('devfile add-env quotes the value it writes, and warns about the plain one already there', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'devfile.yaml'), devfile('        - name: DEBUG\n          value: on'));
    const r = await cli(dir, 'devfile', 'add-env', 'VERBOSE=yes');
    expectClean(r, 0);
    expect(readFileSync(join(dir, 'devfile.yaml'), 'utf8')).toContain('value: "yes"');
    expect(r.stderr).toMatch(/^devfile\.yaml:11:18: warning DEVFILE-YAML11-BOOLEAN Plain on /m);
    expect(r.stderr.match(/DEVFILE-YAML11-BOOLEAN/g)).toHaveLength(1);
  });

  it('!!js/function is an error where it is written; a tag outside the core schema (!Ref) is a warning', async () => {
    const dir = tempDir();
    const text = devfile('        - name: A\n          value: !!js/function "function () {}"\n        - name: B\n          value: !Ref Other');
    writeFileSync(join(dir, 'devfile.yaml'), text);
    const r = await cli(dir, 'validate', '--format', 'json', 'devfile.yaml');
    expectClean(r, 1);
    const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: { code: string; severity: string; line: number; col: number }[] };
    expect(diagnostics.map((d) => [d.code, d.severity, d.line, d.col])).toEqual([
      ['YAML-TAG-UNSAFE', 'error', 11, 18],
      ['YAML-TAG-UNKNOWN', 'warning', 13, 18],
    ]);
    const before = snapshotTree(dir);
    const edit = await cli(dir, 'devfile', 'add-env', 'X=1');
    expectClean(edit, 1);
    expect(edit.stderr).toMatch(/^devfile\.yaml:11:18: error YAML-TAG-UNSAFE The tag !!js\/function /m);
    expect(snapshotTree(dir)).toEqual(before);
  });
});
