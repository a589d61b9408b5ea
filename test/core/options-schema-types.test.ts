import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/files.js';
import { tempDir } from '../helpers/cli.js';

// defineBlueprint<O>({ options }) types the schema from O: a schema that does not describe the options interface
// must not compile. The fixture marks each line that must be a type error; tsc must report exactly those lines.
const FIXTURE = join(REPO_ROOT, 'test/core/fixtures/type-errors/options-schema.ts');

describe('an options schema that does not match its options interface is a tsc error', () => {
  it('tsc reports every marked line of the fixture, and no other', () => {
    const marked = readFileSync(FIXTURE, 'utf8')
      .split('\n')
      .flatMap((line, i) => (/\/\/ error: /.test(line) ? [i + 1] : []));
    expect(marked.length).toBe(9);
    const dir = tempDir('cg-types-');
    const config = join(dir, 'tsconfig.json');
    writeFileSync(config, JSON.stringify({ extends: join(REPO_ROOT, 'tsconfig.json'), compilerOptions: { noEmit: true, rootDir: REPO_ROOT, typeRoots: [join(REPO_ROOT, 'node_modules/@types')] }, files: [FIXTURE], include: [] }));
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', config, '--pretty', 'false'], { encoding: 'utf8' });
    const lines = [...new Set([...r.stdout.matchAll(/options-schema\.ts\((\d+),\d+\): error TS\d+/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
    expect(lines, r.stdout).toEqual(marked);
  });
});
