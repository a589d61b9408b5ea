import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { compileFunction } from 'node:vm';
import type { AnySchema, ValidateFunction } from 'ajv';
import { newAjv } from '../validate/schemas.js';
import { TEMPLATE_COMPILE_OPTIONS } from '../render/templates.js';
import { writeFileAtomic } from './atomic-write.js';
import { sha256 } from './manifest.js';

const requireHere = createRequire(import.meta.url);

/**
 * What the build precompiles for the built-in blueprints (ajv standalone validators, Handlebars template specs),
 * made for a blueprint of the user's on its first run and kept in the cache, `<cache>/<kind>/<sha256 of the
 * source>.cjs`: compiling them at every run loads ajv, or the Handlebars compiler and source-map, which was most
 * of a cached `new ./blueprint.ts`. Each module records the source it was made from and is made again when that
 * differs; it is evaluated with catalyst-gen's own `require`, so its helpers resolve whatever the cache folder.
 * A cache that cannot be written only costs the next run the compile.
 */
function cachedModule(cacheDir: string, kind: string, source: string, generate: () => string): Record<string, unknown> {
  const file = join(cacheDir, kind, `${sha256(source).slice(0, 32)}.cjs`);
  try {
    const mod = evaluate(readFileSync(file, 'utf8'));
    if (mod['source'] === source) return mod;
  } catch {
    /* not made yet, or unreadable */
  }
  const code = `${generate()}\nmodule.exports.source = ${JSON.stringify(source)};\n`;
  try {
    mkdirSync(join(cacheDir, kind), { recursive: true });
    writeFileAtomic(file, code);
  } catch {
    /* see above */
  }
  return evaluate(code);
}

function evaluate(code: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  compileFunction(code, ['require', 'module', 'exports'])(requireHere, module, module.exports);
  return module.exports;
}

/** The options validator of a blueprint's schema. Throws ajv's error for a schema that is not valid. */
export function cachedSchemaValidator(schema: AnySchema, cacheDir: string): ValidateFunction {
  const mod = cachedModule(cacheDir, 'schemas', JSON.stringify(schema), () => {
    const ajv = newAjv(true);
    const standaloneCode = (requireHere('ajv/dist/standalone') as { default: (a: typeof ajv, f: ValidateFunction) => string }).default;
    return standaloneCode(ajv, ajv.compile(schema));
  });
  return mod['default'] as ValidateFunction;
}

/** The precompiled spec of a Handlebars template a blueprint carries (same options as the built-in ones). */
export function cachedTemplateSpec(template: string, cacheDir: string): unknown {
  return cachedModule(cacheDir, 'templates', template, () => {
    const handlebars = requireHere('handlebars') as typeof import('handlebars');
    return `module.exports.spec = ${handlebars.precompile(template, TEMPLATE_COMPILE_OPTIONS)};`;
  })['spec'];
}
