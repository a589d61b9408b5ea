// Build step (after tsc and copy-assets): precompile what the CLI would otherwise compile at every start.
//   dist/compiled-schemas/<name>.cjs                    ajv standalone code for every schemas/<name>.schema.json
//   dist/compiled-schemas/blueprint@<id>@<version>.cjs  the options schema of every catalogue blueprint
//   dist/compiled-templates/<path>.cjs                  every templates/**/*.hbs, as a Handlebars template spec
// src/validate/schemas.ts and src/render/templates.ts load these instead of compiling: compiling the workflow
// and devfile schemas costs hundreds of milliseconds and loads ajv; the Handlebars compiler is twice the size
// of its runtime. Each module records the source it was made from (a schema's JSON.stringify, a template's text)
// and is ignored when that source has changed since (a string comparison). Compile options must stay identical
// to the run-time ones (schemas.ts `newAjv`, templates.ts `TEMPLATE_COMPILE_OPTIONS`).
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { Ajv } = require('ajv');
const addFormats = require('ajv-formats');
const standaloneCode = require('ajv/dist/standalone').default;
const Handlebars = require('handlebars');

// Schemas.
const schemaOut = 'dist/compiled-schemas';
rmSync(schemaOut, { recursive: true, force: true });
mkdirSync(schemaOut, { recursive: true });

function writeSchema(file, schema) {
  // One ajv instance per schema: at run time each schema is compiled on its own too.
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true, code: { source: true, esm: false } });
  addFormats(ajv);
  const code = standaloneCode(ajv, ajv.compile(schema));
  writeFileSync(`${schemaOut}/${file}`, `${code}\nmodule.exports.source = ${JSON.stringify(JSON.stringify(schema))};\n`);
}

for (const file of readdirSync('schemas').filter((f) => f.endsWith('.schema.json')).sort()) {
  const schema = JSON.parse(readFileSync(`schemas/${file}`, 'utf8'));
  writeSchema(`${file.slice(0, -'.schema.json'.length)}.cjs`, schema);
}

try {
  const { catalogue } = await import(pathToFileURL('dist/blueprints/index.js').href);
  for (const bp of catalogue) writeSchema(`blueprint@${bp.id}@${bp.version}.cjs`, bp.options);
} catch (e) {
  // Not fatal: options schemas are then compiled at run time, as from source.
  console.warn(`precompile: blueprint options not precompiled (${e.message})`);
}

// Templates.
const templateOut = 'dist/compiled-templates';
rmSync(templateOut, { recursive: true, force: true });

function templates(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? templates(p) : n.endsWith('.hbs') ? [p] : [];
  });
}

for (const path of templates('templates')) {
  const name = relative('templates', path).split(sep).join('/');
  const source = readFileSync(path, 'utf8');
  const spec = Handlebars.precompile(source, { noEscape: true, strict: true });
  const target = join(templateOut, `${name}.cjs`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `module.exports = { source: ${JSON.stringify(source)}, spec: ${spec} };\n`);
}
