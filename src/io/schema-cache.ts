import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { compileFunction } from 'node:vm';
import type { AnySchema, ValidateFunction } from 'ajv';
import { newAjv } from '../validate/schemas.js';
import { writeFileAtomic } from './atomic-write.js';
import { sha256 } from './manifest.js';

const requireHere = createRequire(import.meta.url);

/**
 * The options validator of a blueprint of the user's, as ajv standalone code kept in the cache
 * (`<cache>/schemas/<sha256 of the schema>.cjs`): the built-in blueprints' validators are made at build time, and
 * compiling one at every run (loading ajv, generating code) would be most of a cached `new ./blueprint.ts`. The
 * code is evaluated with catalyst-gen's own `require`, so it finds ajv's runtime helpers whatever the cache folder.
 * It records the schema it was made from and is made again when that differs. Throws ajv's error for a schema
 * that is not valid.
 */
export function cachedSchemaValidator(schema: AnySchema, cacheDir: string): ValidateFunction {
  const source = JSON.stringify(schema);
  const file = join(cacheDir, 'schemas', `${sha256(source).slice(0, 32)}.cjs`);
  try {
    const mod = evaluate(readFileSync(file, 'utf8'));
    if (mod.source === source && typeof mod.default === 'function') return mod.default;
  } catch {
    /* not cached yet, or unreadable: compile */
  }
  const ajv = newAjv(false, true);
  const fn = ajv.compile(schema);
  const standaloneCode = (requireHere('ajv/dist/standalone') as { default: (a: typeof ajv, f: ValidateFunction) => string }).default;
  try {
    mkdirSync(join(cacheDir, 'schemas'), { recursive: true });
    writeFileAtomic(file, `${standaloneCode(ajv, fn)}\nmodule.exports.source = ${JSON.stringify(source)};\n`);
  } catch {
    // A cache that cannot be written only costs the next run this compile.
  }
  return fn;
}

function evaluate(code: string): { default?: ValidateFunction; source?: string } {
  const module = { exports: {} as Record<string, unknown> };
  compileFunction(code, ['require', 'module', 'exports'])(requireHere, module, module.exports);
  return module.exports as { default?: ValidateFunction; source?: string };
}
