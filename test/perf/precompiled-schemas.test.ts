import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../blueprints/index.js';
import { devfileCorpus, workflowCorpus } from '../../bench/corpus.js';
import { compileSchema, readSchema } from '../../src/validate/schemas.js';
import { tempDir } from '../helpers/cli.js';

// The build's standalone validators (dist/compiled-schemas, made by scripts/precompile.mjs; the test setup
// builds) must report exactly what the run-time compile reports, since the CLI uses the former and the tests
// running from source the latter.

const dir = resolve(process.cwd(), 'dist', 'compiled-schemas');
const requireDist = createRequire(join(dir, 'x.cjs'));
type Precompiled = ValidateFunction & { source?: string };
const load = (file: string) => requireDist(join(dir, file)) as Precompiled;
const strip = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map(({ instancePath, schemaPath, keyword, params, message, data, parentSchema }) => ({ instancePath, schemaPath, keyword, params, message, data, parentSchema }));

function sameVerdicts(pre: ValidateFunction, runtime: ValidateFunction, values: readonly unknown[]): number {
  let invalid = 0;
  for (const v of values) {
    const a = pre(v);
    const b = runtime(v);
    expect(a).toBe(b);
    expect(strip(pre.errors)).toEqual(strip(runtime.errors));
    if (!a) invalid += 1;
  }
  return invalid;
}

describe.skipIf(!existsSync(dir))('precompiled schemas', () => {
  const projectSchemas = readdirSync('schemas').filter((f) => f.endsWith('.schema.json')).map((f) => f.slice(0, -'.schema.json'.length));

  it('exist for every project schema and every catalogue blueprint', () => {
    const files = new Set(readdirSync(dir));
    for (const name of projectSchemas) expect(files.has(`${name}.cjs`), name).toBe(true);
    // The verdict-only validators were removed (BENCHMARKS.md, "Speed paths removed"): none is written.
    expect([...files].filter((f) => f.endsWith('.verdict.cjs'))).toEqual([]);
    for (const bp of catalogue) expect(files.has(`blueprint@${bp.id}@${bp.version}.cjs`), bp.id).toBe(true);
  });

  it.each(projectSchemas)('%s records the schema it was made from (the run-time check against stale code)', (name) => {
    expect(load(`${name}.cjs`).source).toBe(JSON.stringify(readSchema(name)));
  });

  it('workflow: same verdicts and errors as the run-time compile on generated workflows', () => {
    const values = workflowCorpus(200, 11, 0.5).map((f) => f.value);
    const invalid = sameVerdicts(load('workflow.cjs'), compileSchema('workflow'), values);
    expect(invalid).toBeGreaterThan(20);
  });

  it('devfile: same verdicts and errors as the run-time compile on generated devfiles', () => {
    const values = devfileCorpus(200, 12, 0.5).map((f) => f.value);
    const invalid = sameVerdicts(load('devfile.cjs'), compileSchema('devfile'), values);
    expect(invalid).toBeGreaterThan(20);
  });

  it.each(catalogue.map((bp) => [bp.id, bp] as const))('blueprint %s options: same verdicts as the run-time compile', (_, bp) => {
    const runtime = compileSchema(bp.options, `test:${bp.id}`);
    const values: unknown[] = [{}, { unknownOption: 1 }, null, [], { name: 42 }];
    sameVerdicts(load(`blueprint@${bp.id}@${bp.version}.cjs`), runtime, values);
    expect(load(`blueprint@${bp.id}@${bp.version}.cjs`).source).toBe(JSON.stringify(bp.options));
  });

  it('a build whose schema was edited afterwards validates with the edited schema, not the stale code', () => {
    // A copy of the build in which the workflow schema allows names of at most 5 characters.
    const copy = tempDir('cg-stale-');
    cpSync(resolve('dist'), join(copy, 'dist'), { recursive: true });
    copyFileSync(resolve('package.json'), join(copy, 'package.json'));
    symlinkSync(resolve('node_modules'), join(copy, 'node_modules'), 'dir');
    const schemaFile = join(copy, 'dist', 'schemas', 'workflow.schema.json');
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { properties: { Name: { maxLength: number } } };
    schema.properties.Name.maxLength = 5;
    writeFileSync(schemaFile, JSON.stringify(schema, null, 2));
    const work = tempDir('cg-stale-wf-');
    mkdirSync(join(work, '.codecatalyst', 'workflows'), { recursive: true });
    const file = join(work, '.codecatalyst', 'workflows', 'w.yaml');
    writeFileSync(file, workflowCorpus(30, 13, 0).find((f) => String(f.value['Name']).length > 5)!.text);
    const run = (root: string) => spawnSync(process.execPath, [join(root, 'dist', 'src', 'cli', 'bin.js'), 'validate', file, '--format', 'json'], { encoding: 'utf8' });
    expect(run(resolve('.')).status).toBe(0);
    const stale = run(copy);
    expect(stale.status).toBe(1);
    expect((JSON.parse(stale.stdout) as { diagnostics: { pointer?: string }[] }).diagnostics.some((d) => d.pointer === '/Name')).toBe(true);
  });
});
