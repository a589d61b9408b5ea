import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// The pure core must not do I/O: no file system, no AWS SDK, no process. Only io/, aws/ and cli/ may.
const PURE = ['src/model', 'src/render', 'src/validate', 'src/edit', 'src/options', 'src/wire', 'src/security', 'src/export'];
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

/**
 * Which folder of src/ may import which. Arrows point down: `model` (types and pure helpers every layer shares:
 * diagnostics, the file map) at the bottom, `wire` (the target formats, the workflow graph) on it, the pure core
 * (`render`, `validate`, which never import each other) above, then what composes them, and the front ends (`cli`,
 * `lsp`, `ui`) at the top. `src/errors.ts` may be imported from anywhere; `src/index.ts` from nowhere inside src.
 * A new folder must be placed here.
 */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  model: [],
  wire: ['model'],
  render: ['model', 'wire'],
  validate: ['model', 'wire'],
  security: ['model', 'wire', 'render'],
  edit: ['model', 'wire', 'render', 'validate'],
  options: ['model', 'wire', 'render', 'validate'],
  export: ['model', 'wire', 'validate'],
  // The test kit (a public entry point) renders and validates blueprints as new does.
  testing: ['model', 'wire', 'render', 'validate', 'options', 'io'],
  // io loads the test kit only for a blueprint package's own tests.
  io: ['model', 'wire', 'render', 'validate', 'edit', 'options', 'security', 'testing'],
  aws: ['model', 'io'],
  lsp: ['model', 'wire', 'render', 'validate'],
  // The preview page runs new and update as the command line does, through its option handling.
  ui: ['model', 'wire', 'render', 'validate', 'edit', 'options', 'security', 'io', 'cli'],
  cli: ['model', 'wire', 'render', 'validate', 'edit', 'options', 'security', 'export', 'testing', 'io', 'aws', 'lsp', 'ui'],
};

/** What the two files at the root of src/ may import, and who may import them. */
const ROOT_MAY_IMPORT: Readonly<Record<string, readonly string[]>> = { '(root)/errors': ['model'], '(root)/index': Object.keys(MAY_IMPORT) };
/** Everyone may import errors; index (the public API) only io, which hands the library to blueprints it loads. */
const MAY_IMPORT_ROOT = (from: string, to: string) => to === '(root)/errors' || (to === '(root)/index' && from === 'io');

/** The relative modules a file imports (static, dynamic and side-effect imports, types included). */
function relativeImports(file: string): string[] {
  const text = code(file);
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) out.push(m[1]!);
  return out;
}

/** The folder of src/ a path inside it belongs to (`(root)` for src/errors.ts and src/index.ts), or undefined outside src. */
function srcFolder(path: string): string | undefined {
  const parts = posix(normalize(path)).split('/');
  if (parts[0] !== 'src') return undefined;
  return parts.length === 2 ? `(root)/${parts[1]!.replace(/\.[jt]s$/, '')}` : parts[1];
}

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

  it('each folder of src/ imports only the folders it may (render/ and validate/ never each other)', () => {
    const folders = readdirSync('src', { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !(f in MAY_IMPORT)), 'place each folder of src/ in MAY_IMPORT').toEqual([]);
    const violations: string[] = [];
    for (const file of tsFiles('src')) {
      const from = srcFolder(file)!;
      for (const spec of relativeImports(file)) {
        const to = srcFolder(join(dirname(file), spec));
        if (to === undefined || to === from) continue;
        const allowed = to.startsWith('(root)/') ? MAY_IMPORT_ROOT(from, to) : (ROOT_MAY_IMPORT[from] ?? MAY_IMPORT[from] ?? []).includes(to);
        if (!allowed) violations.push(`${posix(file)} imports ${spec} (${from} -> ${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('the import check sees a violation', () => {
    // The check itself, on a path it must refuse: render/ importing validate/.
    expect(srcFolder(join('src/render', '../validate/source.js'))).toBe('validate');
    expect(MAY_IMPORT['render']).not.toContain('validate');
    expect(MAY_IMPORT['validate']).not.toContain('render');
    expect(relativeImports('src/validate/file-core.ts').length).toBeGreaterThan(0);
  });

  it('blueprints import the library only through src/index', () => {
    const bad = tsFiles('blueprints').filter((f) => /from\s+['"](\.\.\/)+src\/(?!index\.js)/.test(readFileSync(f, 'utf8')));
    expect(bad).toEqual([]);
  });
});
