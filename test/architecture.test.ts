import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// The pure core must not do I/O: no file system, no AWS SDK, no process. Only io/, aws/ and cli/ may.
const PURE = ['src/model', 'src/render', 'src/validate', 'src/edit', 'src/options', 'src/wire', 'src/security'];
const FORBIDDEN: [RegExp, string][] = [
  [/from\s+['"](node:)?fs(\/promises)?['"]/, 'imports the file system'],
  [/import\(\s*['"](node:)?fs/, 'imports the file system'],
  [/from\s+['"]@aws-sdk\//, 'imports the AWS SDK'],
  [/\bprocess\./, 'uses process'],
  [/from\s+['"](node:)?child_process['"]/, 'spawns processes'],
];

/** A file's code without comments, so that prose about a rule does not break it. */
function code(file: string): string {
  return readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
}

/** Calls `process.exit` (the CLI sets `process.exitCode` instead, once, in bin.ts). */
const EXITS = /\bprocess\s*(\.\s*exit|\[\s*['"]exit['"]\s*\])(?!Code)\b/;
/** Turns a value into YAML text: yaml's `stringify` or `new Document`, js-yaml's `dump`. */
const STRINGIFIES_YAML: RegExp[] = [
  /\bimport\s*\{[^}]*\bstringify\b[^}]*\}\s*from\s*['"]yaml['"]/,
  /\b(yaml|YAML)\s*\.\s*stringify\s*\(/,
  /\bnew\s+(\w+\.)?Document\s*\(/,
  /\bimport\s*\{[^}]*\bdump\b[^}]*\}\s*from\s*['"]js-yaml['"]/,
  /\b(jsyaml|yaml|YAML)\s*\.\s*dump\s*\(/,
];
/** A file that uses the yaml library, where `.toString(...)` (other than a Buffer's encoding) prints a Document. */
const IMPORTS_YAML = /\bfrom\s*['"]yaml['"]/;
const TO_STRING = /\.toString\(\s*(?!['"](utf-?8|hex|base64|ascii|latin1)['"]|\d)/;
/** The one place that prints YAML, and the edits of user documents that print with its options. */
const YAML_PRINTERS = /^src\/(render\/serialize\.ts$|edit\/)/;

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

const posix = (path: string) => path.split(sep).join('/');

describe('architecture', () => {
  const files = PURE.flatMap(tsFiles);

  it('finds the pure folders', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s does no I/O', (file) => {
    const text = code(file);
    const problems = FORBIDDEN.filter(([re]) => re.test(text)).map(([, why]) => why);
    expect(problems, `${file} ${problems.join(', ')}`).toEqual([]);
  });

  it('nothing in src calls process.exit: errors reach the one catch that maps them to exit codes', () => {
    expect(tsFiles('src').filter((f) => EXITS.test(code(f)))).toEqual([]);
  });

  it('YAML is printed only by src/render/serialize.ts and src/edit/', () => {
    const others = tsFiles('src').filter((f) => !YAML_PRINTERS.test(posix(f)));
    const bad = others.filter((f) => {
      const text = code(f);
      return STRINGIFIES_YAML.some((re) => re.test(text)) || (IMPORTS_YAML.test(text) && TO_STRING.test(text));
    });
    expect(bad).toEqual([]);
  });

  it('src/edit/ prints documents with the serializer options (YAML_OUTPUT_OPTIONS)', () => {
    const bad = tsFiles('src/edit').filter((f) => {
      const text = code(f);
      if (!IMPORTS_YAML.test(text) || !TO_STRING.test(text)) return false;
      return !/\bYAML_OUTPUT_OPTIONS\b/.test(text) || /\.toString\(\s*\)/.test(text);
    });
    expect(bad).toEqual([]);
  });

  it('blueprints import the library only through src/index', () => {
    const bad = tsFiles('blueprints').filter((f) => /from\s+['"](\.\.\/)+src\/(?!index\.js)/.test(readFileSync(f, 'utf8')));
    expect(bad).toEqual([]);
  });
});
