import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// What a command loads before it does anything is its start-up cost. Follow the static imports (dynamic
// `import()` is what lazy loading looks like, so it is not followed) and check which packages each entry pulls in.

function staticImports(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) {
        const ts = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
        if (existsSync(ts)) visit(ts);
      } else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(resolve(entry));
  return { files, packages };
}

const HEAVY = ['commander', 'handlebars', 'ajv', 'ajv-formats', 'yaml', 'aws-cdk-lib', 'constructs', '@aws-sdk', '@aws-cdk', '@inquirer', 'diff'];

describe('start-up imports', () => {
  it('the binary loads the full CLI (commander) only when the validate fast path declines', () => {
    const bin = staticImports('src/cli/bin.ts');
    expect([...bin.packages].filter((p) => HEAVY.includes(p))).toEqual([]);
    expect([...bin.files].some((f) => f.endsWith(join('cli', 'main.ts')))).toBe(false);
  });

  it('validate loads none of the heavy libraries a validation run does not need', () => {
    const v = staticImports('src/cli/commands/validate.ts');
    // ajv's run-time helpers (with the precompiled schemas) load on first use.
    expect([...v.packages].sort()).toEqual([]);
  });

  it('validate loads no validator until it knows which kinds it validates', () => {
    const v = staticImports('src/cli/commands/validate.ts');
    const validators = ['workflow/index.ts', 'devfile/index.ts', 'buildspec/index.ts', 'validators.ts'].map((f) => join('validate', ...f.split('/')));
    expect([...v.files].filter((f) => validators.some((x) => f.endsWith(x)))).toEqual([]);
    expect([...v.files].some((f) => f.endsWith(join('validate', 'kinds.ts')))).toBe(true);
  });

  it('finds imports at all (so the checks above can fail)', () => {
    expect(staticImports('src/cli/main.ts').packages.has('commander')).toBe(true);
    expect(staticImports('src/render/serialize.ts').packages.has('yaml')).toBe(true);
  });
});
