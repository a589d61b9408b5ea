import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The pure core must not do I/O: no file system, no AWS SDK, no process. Only io/, aws/ and cli/ may.
const PURE = ['src/model', 'src/render', 'src/validate', 'src/edit', 'src/options', 'src/wire'];
const FORBIDDEN: [RegExp, string][] = [
  [/from\s+['"](node:)?fs(\/promises)?['"]/, 'imports the file system'],
  [/import\(\s*['"](node:)?fs/, 'imports the file system'],
  [/from\s+['"]@aws-sdk\//, 'imports the AWS SDK'],
  [/\bprocess\./, 'uses process'],
  [/from\s+['"](node:)?child_process['"]/, 'spawns processes'],
];

function tsFiles(dir: string): string[] {
  let out: string[] = [];
  let entries: import('node:fs').Dirent[] = [];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out = out.concat(tsFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

describe('architecture', () => {
  const files = PURE.flatMap(tsFiles);

  it('finds the pure folders', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s does no I/O', (file) => {
    const text = readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    const problems = FORBIDDEN.filter(([re]) => re.test(text)).map(([, why]) => why);
    expect(problems, `${file} ${problems.join(', ')}`).toEqual([]);
  });

  it('blueprints import the library only through src/index', () => {
    const bad = tsFiles('blueprints').filter((f) => /from\s+['"](\.\.\/)+src\/(?!index\.js)/.test(readFileSync(f, 'utf8')));
    expect(bad).toEqual([]);
  });
});
