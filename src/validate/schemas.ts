import { createRequire } from 'node:module';
import type { AnySchema, ErrorObject, Ajv as AjvInstance, ValidateFunction } from 'ajv';

/**
 * The JSON schemas this project owns live in `schemas/` at the package root and are loaded as JSON modules
 * (the build copies them next to the compiled code at the same relative depth). Each is compiled once per
 * process, on first use, because compiling is the expensive part of ajv.
 *
 * Fast path: the build (`scripts/precompile.mjs`) turns every project schema, and the options schema of
 * every catalogue blueprint, into ajv standalone code in `dist/compiled-schemas/`. Loading that takes a few milliseconds where compiling the workflow and
 * devfile schemas takes hundreds, and it does not load ajv itself (only its small runtime helpers). Run from
 * source (tests, tsx) there is no compiled code at that relative path, so the schema is compiled here with the
 * same options, which keeps the source of truth the JSON file. ajv is required lazily for the same reason.
 */
const requireAsset = createRequire(import.meta.url);

export type SchemaName = string;

let ajv: AjvInstance | undefined;
const compiled = new Map<string, ValidateFunction>();

/** Keep these options identical to `scripts/precompile.mjs`, or the two paths would report differently. */
export function newAjv(withSource = false): AjvInstance {
  const { Ajv } = requireAsset('ajv') as typeof import('ajv');
  const addFormats = requireAsset('ajv-formats') as (a: AjvInstance) => AjvInstance;
  const instance = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true, ...(withSource ? { code: { source: true, esm: false } } : {}) });
  addFormats(instance);
  return instance;
}

function sharedAjv(): AjvInstance {
  return (ajv ??= newAjv());
}

/** The raw JSON schema shipped in `schemas/<name>.schema.json`. */
export function readSchema(name: SchemaName): Record<string, unknown> {
  return requireAsset(`../../schemas/${name}.schema.json`) as Record<string, unknown>;
}

/** The precompiled module for a schema name or a cache key (`blueprint:<id>@<version>` for options). */
function precompiledFile(nameOrKey: string): string | undefined {
  const file = nameOrKey.startsWith('blueprint:') ? `blueprint@${nameOrKey.slice('blueprint:'.length)}` : nameOrKey;
  return /^[A-Za-z0-9._@-]+$/.test(file) ? `../../compiled-schemas/${file}.cjs` : undefined;
}

/**
 * The build's standalone validator for a schema, or undefined when running from source, when the build made
 * none, or when it was made from a different schema (edited since the build): the JSON it records must match.
 */
function loadPrecompiled(nameOrKey: string, schema: () => unknown): ValidateFunction | undefined {
  const path = precompiledFile(nameOrKey);
  if (!path) return undefined;
  let mod: { default?: ValidateFunction; source?: string } & ValidateFunction;
  try {
    mod = requireAsset(path) as typeof mod;
  } catch (e) {
    if ((e as { code?: string }).code === 'MODULE_NOT_FOUND') return undefined;
    throw e;
  }
  if (mod.source !== JSON.stringify(schema())) return undefined;
  return typeof mod.default === 'function' ? mod.default : mod;
}

/** Compile a project schema (by name) or an inline schema object, once. */
export function compileSchema(nameOrSchema: SchemaName | AnySchema, cacheKey?: string): ValidateFunction {
  const key = typeof nameOrSchema === 'string' ? `name:${nameOrSchema}` : (cacheKey ?? '');
  const hit = key ? compiled.get(key) : undefined;
  if (hit) return hit;
  const schema = () => (typeof nameOrSchema === 'string' ? readSchema(nameOrSchema) : nameOrSchema);
  const precompiledKey = typeof nameOrSchema === 'string' ? nameOrSchema : cacheKey;
  const fn = (precompiledKey ? loadPrecompiled(precompiledKey, schema) : undefined) ?? sharedAjv().compile(schema() as AnySchema);
  if (key) compiled.set(key, fn);
  return fn;
}

/**
 * Use this validator for a schema compiled elsewhere (a blueprint of the user's, whose standalone code the
 * cache holds): `compileSchema(schema, cacheKey)` then returns it instead of compiling.
 */
export function provideCompiledSchema(cacheKey: string, fn: ValidateFunction): void {
  compiled.set(cacheKey, fn);
}

export type { ErrorObject };
