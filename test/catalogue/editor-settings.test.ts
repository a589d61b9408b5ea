import type { ValidateFunction } from 'ajv';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runSchema } from '../../src/cli/commands/schema.js';
import type { Output } from '../../src/cli/output.js';
import type { RenderedFile } from '../../src/model/file-map.js';
import { newAjv } from '../../src/validate/schemas.js';
import { CASES, renderSet } from './harness.js';

const SETTINGS = '.vscode/settings.json';
const MAPPED = new Set(['devfile', 'workflow', 'buildspec']);

/**
 * Whether a `yaml.schemas` glob catches a project path, read both ways yaml-language-server has read them: as a
 * regular expression (`*` is `.*`) matched at the end of the file's URI, and, in the JSON language service it
 * builds on, as a glob prefixed with `**\/` (a leading `/` dropped). A mapping must hold under both.
 */
const byRegExp = (glob: string, path: string) => new RegExp(`${glob.replace(/[-\\{}+?|^$.,[\]()#\s]/g, '\\$&').replace(/\*/g, '.*')}$`).test(`file:///home/dev/app/${path}`);
const byGlob = (glob: string, path: string) => picomatch(`**/${glob.replace(/^\//, '')}`, { dot: true })(path);

/** The schema `catalyst-gen schema <name> [--lenient]` prints, parsed. */
async function cliSchema(name: string, lenient: boolean): Promise<unknown> {
  let text = '';
  const o: Output = { out: (t) => (text += t), err: () => undefined, color: false, stdinIsTty: false };
  await runSchema(name, lenient ? { lenient } : {}, o);
  return JSON.parse(text);
}

describe.each(CASES)('generated editor settings: $id with its $set options', ({ id, set }) => {
  const files = renderSet(id, set);
  const mapped = [...files.values()].filter((f) => MAPPED.has(f.kind));

  if (mapped.length === 0) {
    it('has no devfile, workflow or buildspec, and so no editor settings or schemas', () => {
      expect([...files.keys()].filter((p) => p.startsWith('.vscode/'))).toEqual([]);
    });
    return;
  }

  const settingsFile = files.get(SETTINGS);
  /** Schema path (from the project folder) and globs; the settings write the paths with `./`. */
  const associations = (): [string, string[]][] =>
    Object.entries(JSON.parse(settingsFile!.content)['yaml.schemas'] as Record<string, string[]>).map(([schema, globs]) => {
      expect(schema).toMatch(/^\.\//);
      return [schema.slice(2), globs];
    });

  it('carries .vscode/settings.json as a seed file with only yaml.schemas', () => {
    expect(settingsFile?.mode).toBe('seed');
    expect(Object.keys(JSON.parse(settingsFile!.content))).toEqual(['yaml.schemas']);
  });

  it('maps every devfile, workflow and buildspec to exactly one schema the project carries, which that file passes', () => {
    const ajv = newAjv();
    const compiled = new Map<string, ValidateFunction>();
    for (const f of mapped) {
      for (const matches of [byRegExp, byGlob]) {
        const hits = associations().filter(([, globs]) => globs.some((g) => matches(g, f.path)));
        expect(hits.map(([schema]) => schema), `${f.path} (${matches.name})`).toHaveLength(1);
        const schemaFile = files.get(hits[0]![0]);
        expect(schemaFile, `${hits[0]![0]}, mapped for ${f.path}`).toBeDefined();
        expect(schemaFile!.mode).toBe('managed');
        const check = compiled.get(schemaFile!.path) ?? ajv.compile(JSON.parse(schemaFile!.content));
        compiled.set(schemaFile!.path, check);
        expect(check(parse(f.content)), `${f.path}: ${JSON.stringify(check.errors)}`).toBe(true);
      }
    }
  });

  it('each schema it carries is the one `catalyst-gen schema` prints: lenient for workflows, devfile 2.0.0 for the CodeCatalyst profile', async () => {
    const expected: Record<string, [string, boolean]> = {
      '.vscode/schemas/workflow.lenient.schema.json': ['workflow', true],
      '.vscode/schemas/devfile.schema.json': ['devfile', false],
      '.vscode/schemas/buildspec.schema.json': ['buildspec', false],
    };
    const carried = associations().map(([schema]) => schema);
    const kinds = new Set(mapped.map((f) => f.kind));
    expect(carried.sort()).toEqual(Object.keys(expected).filter((p) => kinds.has(p.split('/')[2]!.split('.')[0] as RenderedFile['kind'])).sort());
    for (const schema of carried) {
      const [name, lenient] = expected[schema]!;
      expect(JSON.parse(files.get(schema)!.content), schema).toEqual(await cliSchema(name, lenient));
    }
    expect([...files.keys()].filter((p) => p.startsWith('.vscode/schemas/')).sort()).toEqual(carried);
  });

  it('catches no other YAML file, in the project or beside the mapped ones', () => {
    const others = [...files.values()].filter((f) => !MAPPED.has(f.kind) && /\.ya?ml$/.test(f.path)).map((f) => f.path);
    const nearMisses = ['my-devfile.yaml', 'devfile.yaml.bak', 'infra/template.yaml', '.codecatalyst/config.yaml', 'docs/buildspec.md', 'xbuildspec.yml'];
    for (const path of [...others, ...nearMisses.filter((p) => !files.has(p))]) {
      for (const matches of [byRegExp, byGlob]) {
        expect(associations().filter(([, globs]) => globs.some((g) => matches(g, path))).map(([s]) => s), `${path} (${matches.name})`).toEqual([]);
      }
    }
  });
});
