import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseValidateArgs } from '../../src/cli/fast-path.js';
import { cli, tempDir } from '../helpers/cli.js';
import { BROKEN } from '../workflow/helpers.js';

const cwd = process.cwd();
afterEach(() => process.chdir(cwd));

/** A project as a pre-commit hook sees it: a broken workflow, a README and a plain YAML file staged, one staged file deleted. */
function staged(): string[] {
  const dir = tempDir('cg-hook-');
  mkdirSync(join(dir, '.codecatalyst', 'workflows'), { recursive: true });
  writeFileSync(join(dir, '.codecatalyst', 'workflows', 'release.yaml'), BROKEN);
  writeFileSync(join(dir, 'README.md'), '# A project\n\nNot YAML: [a, b\n');
  writeFileSync(join(dir, 'config.yaml'), 'colour: blue\n');
  process.chdir(dir);
  return ['README.md', 'config.yaml', '.codecatalyst/workflows/release.yaml', '.codecatalyst/workflows/deleted.yaml'];
}

describe('validate --skip-unknown (Git hooks pass every staged file)', () => {
  it('skips what is not a devfile, workflow or buildspec and what no longer exists, and still fails on the broken workflow', async () => {
    const r = await cli('validate', '--skip-unknown', ...staged());
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('WF-DEPENDS-MISSING');
    expect(r.stdout).not.toMatch(/README|config\.yaml|deleted|VALIDATE-/);
    expect(r.stdout).toMatch(/^1 file checked: 1 error, 0 warnings\.$/m);
  });

  it('passes when only unknown or deleted files are staged', async () => {
    const files = staged().filter((f) => !f.endsWith('release.yaml'));
    const r = await cli('validate', '--skip-unknown', ...files);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('No files to validate were found');
  });

  it('without the flag the same files are reported: a missing path is a usage error', async () => {
    const files = staged();
    expect((await cli('validate', ...files)).code).toBe(2);
    const r = await cli('validate', ...files.slice(0, 3));
    expect(r.stdout).toContain('VALIDATE-NOT-YAML');
    expect(r.stdout).toContain('VALIDATE-KIND-UNKNOWN');
  });

  it('takes the fast path', () => {
    expect(parseValidateArgs(['validate', '--skip-unknown', 'a.yaml'])).toEqual({ paths: ['a.yaml'], flags: { format: 'text', devfileProfile: 'codecatalyst', skipUnknown: true } });
    expect(parseValidateArgs(['validate', '--skip-unknown', '--skip-unknown'])).toBeUndefined();
  });

  it('the pre-commit hook this repository ships uses the flag on YAML files', () => {
    const hooks = parse(readFileSync(join(cwd, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string }[];
    const hook = hooks.find((h) => h.id === 'catalyst-gen-validate');
    expect(hook).toMatchObject({ entry: 'catalyst-gen validate --skip-unknown', language: 'node' });
    const files = new RegExp(hook!.files);
    for (const f of ['.codecatalyst/workflows/a.yaml', 'devfile.yaml', 'buildspecs/unit.yml']) expect(files.test(f), f).toBe(true);
    expect(files.test('README.md')).toBe(false);
    // `catalyst-gen` is what pre-commit's node environment puts on the PATH from this package's bin.
    const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(Object.keys(pkg.bin)).toContain('catalyst-gen');
  });
});
