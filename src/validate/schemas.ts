import { createRequire } from 'node:module';
import type { AnySchema, ErrorObject, ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * The JSON schemas this project owns live in `schemas/` at the package root and are loaded as JSON modules
 * (the build copies them next to the compiled code at the same relative depth). Each is compiled once per
 * process, on first use, because compiling is the expensive part of ajv.
 */
const requireAsset = createRequire(import.meta.url);

export type SchemaName = string;

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function sharedAjv(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true });
    const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
    addFormats(ajv);
  }
  return ajv;
}

/** The raw JSON schema shipped in `schemas/<name>.schema.json`. */
export function readSchema(name: SchemaName): Record<string, unknown> {
  return requireAsset(`../../schemas/${name}.schema.json`) as Record<string, unknown>;
}

/** Compile a project schema (by name) or an inline schema object, once. */
export function compileSchema(nameOrSchema: SchemaName | AnySchema, cacheKey?: string): ValidateFunction {
  const key = typeof nameOrSchema === 'string' ? `name:${nameOrSchema}` : (cacheKey ?? '');
  const hit = key ? compiled.get(key) : undefined;
  if (hit) return hit;
  const schema = typeof nameOrSchema === 'string' ? readSchema(nameOrSchema) : nameOrSchema;
  const fn = sharedAjv().compile(schema as AnySchema);
  if (key) compiled.set(key, fn);
  return fn;
}

export type { ErrorObject };
