import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowCorpus } from '../../bench/corpus.js';
import { parseValidateArgs } from '../../src/cli/fast-path.js';
import { run } from '../../src/cli/run.js';
import type { Output } from '../../src/cli/output.js';
import { tempDir } from '../helpers/cli.js';

// `validate` without commander must behave exactly like `validate` through commander, and leave to commander
// everything it does not recognise.

/** Run the command line the way the binary does (`via: 'auto'`, the fast path when it applies), or through commander. */
async function runCaptured(via: 'auto' | 'commander', argv: string[]) {
  let stdout = '';
  let stderr = '';
  const o: Output = { out: (t) => void (stdout += t.endsWith('\n') ? t : t + '\n'), err: (t) => void (stderr += t.endsWith('\n') ? t : t + '\n'), color: false, stdinIsTty: false };
  const code = await run(argv, o, via);
  return { code, stdout, stderr };
}
const fast = (...argv: string[]) => runCaptured('auto', argv);
const commander = (...argv: string[]) => runCaptured('commander', argv);

describe('validate fast path', () => {
  let dir = '';
  const cwd = process.cwd();
  beforeAll(() => {
    dir = tempDir('cg-fast-');
    const wf = join(dir, '.codecatalyst', 'workflows');
    mkdirSync(wf, { recursive: true });
    for (const f of workflowCorpus(12, 9, 0.5)) writeFileSync(join(wf, f.name), f.text);
    writeFileSync(join(dir, 'devfile.yaml'), 'schemaVersion: 2.0.0\nmetadata:\n  name: x\ncomponents:\n  - name: Bad_Name\n    container:\n      image: busybox\n');
    // Node.js 18 is on the standard 7.0 image, not on 8.0.
    writeFileSync(join(dir, 'buildspec.yml'), 'version: 0.2\nphases:\n  install:\n    runtime-versions:\n      nodejs: 18\n  build:\n    commands:\n      - npm test\n');
    process.chdir(dir);
  });
  afterAll(() => process.chdir(cwd));

  it('parses the plain forms like commander does', () => {
    expect(parseValidateArgs(['validate'])).toEqual({ paths: [], flags: { format: 'text', devfileProfile: 'codecatalyst' } });
    expect(parseValidateArgs(['validate', 'a.yaml', '--format', 'json', 'b'])).toEqual({ paths: ['a.yaml', 'b'], flags: { format: 'json', devfileProfile: 'codecatalyst' } });
    expect(parseValidateArgs(['validate', '--format=sarif', '--devfile-profile', 'generic', '.'])).toEqual({ paths: ['.'], flags: { format: 'sarif', devfileProfile: 'generic' } });
    expect(parseValidateArgs(['validate', '--build-image', 'aws/codebuild/standard:8.0', 'b.yml'])).toEqual({ paths: ['b.yml'], flags: { format: 'text', devfileProfile: 'codecatalyst', buildImage: 'aws/codebuild/standard:8.0' } });
  });

  it.each([
    [['list']],
    [['validate', '--help']],
    [['validate', '-h']],
    [['validate', '--format', 'xml']],
    [['validate', '--format']],
    [['validate', '--format', 'json', '--format', 'text']],
    [['validate', '--build-image']],
    [['validate', '--build-image', '--format', 'json']],
    [['validate', '--unknown']],
    [['validate', '--', '-file']],
    [['validate', '']],
    [['--version', 'validate']],
  ])('leaves %j to commander', (argv) => {
    expect(parseValidateArgs(argv)).toBeUndefined();
  });

  it.each([
    [['validate']],
    [['validate', '.']],
    [['validate', '.', '--format', 'json']],
    [['validate', '--format=sarif', '.codecatalyst/workflows']],
    [['validate', 'devfile.yaml', '--devfile-profile', 'generic']],
    [['validate', 'devfile.yaml']],
    [['validate', 'no-such-file.yaml']],
    // An error is printed by the one handler either way, in the format asked for.
    [['validate', 'no-such-file.yaml', '--format', 'json']],
    [['validate', 'no-such-file.yaml', '--format', 'sarif']],
    [['validate', 'buildspec.yml']],
    [['validate', 'buildspec.yml', '--build-image', 'aws/codebuild/standard:7.0']],
    [['validate', 'buildspec.yml', '--build-image=aws/codebuild/standard:8.0']],
    [['validate', 'buildspec.yml', '--build-image', 'my-registry/custom:1']],
  ])('%j gives the same exit code and output as through commander', async (argv) => {
    const a = await fast(...argv);
    const b = await commander(...argv);
    expect(a).toEqual(b);
  });

  it('--build-image checks runtime versions against that image', async () => {
    const on7 = await fast('validate', 'buildspec.yml', '--build-image', 'aws/codebuild/standard:7.0');
    expect(on7.code).toBe(0);
    expect(on7.stdout, 'standard:7.0 has Node.js 18').not.toContain('BUILDSPEC-RUNTIME');
    // standard:8.0 has Node.js 22 and 24; CodeBuild downloads 18 at build time (a custom runtime version): it runs, so a warning.
    const on8 = await fast('validate', 'buildspec.yml', '--build-image', 'aws/codebuild/standard:8.0');
    expect(on8.code).toBe(0);
    expect(on8.stdout).toMatch(/buildspec\.yml:5:15: warning BUILDSPEC-RUNTIME-VERSION nodejs 18 is not pre-installed on image aws\/codebuild\/standard:8\.0; CodeBuild downloads/);
    const custom = await fast('validate', 'buildspec.yml', '--build-image', 'my-registry/custom:1');
    expect(custom.stdout).toContain('does not know the runtimes of image my-registry/custom:1');
  });

  it('covers both outcomes: a failing folder and a clean file', async () => {
    expect((await fast('validate', '.')).code).toBe(1);
    const clean = workflowCorpus(12, 9, 0.5).find((f) => !f.broken)!;
    const result = await fast('validate', `.codecatalyst/workflows/${clean.name}`);
    expect(result).toEqual(await commander('validate', `.codecatalyst/workflows/${clean.name}`));
    expect(result.code).toBe(0);
  });
});
