import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';
import { BlueprintError, UsageError } from '../errors.js';
import { definitionProblems, isBlueprint, type Blueprint } from '../model/blueprint.js';
import { isRecord } from '../model/values.js';
import { compileBlueprintModule } from './blueprint-compile.js';
import { findInstalledPackage, folderEntry, installPackage, type InstalledPackage, type NpmRunner } from './blueprint-package.js';
import type { BlueprintOrigin } from './blueprint-origin.js';
import { importModule } from './import-module.js';
import { cachedSchemaValidator } from './compiled-cache.js';
import { provideCompiledSchema } from '../validate/schemas.js';
import { exposeLibrary } from './library.js';
import { describeThrown } from './thrown.js';

export interface LoadedBlueprint {
  readonly blueprint: Blueprint<any>;
  readonly origin: BlueprintOrigin;
}

export interface LoadOptions {
  readonly cacheDir: string;
  /** The folder relative paths and node_modules lookups start from. */
  readonly cwd: string;
  readonly toolVersion: string;
  /** Progress lines (an on-demand install), for stderr. */
  readonly log?: (line: string) => void;
  readonly npm?: NpmRunner;
}

/** Every blueprint a file or folder exports. */
export async function loadFromPath(path: string, opts: LoadOptions): Promise<LoadedBlueprint[]> {
  const abs = resolve(opts.cwd, path);
  let st;
  try {
    st = statSync(abs);
  } catch {
    throw new UsageError(`No blueprint at ${path}: no such file or folder.`);
  }
  if (!st.isFile() && !st.isDirectory()) throw new UsageError(`${path} is not a file or folder, so it cannot be a blueprint.`);
  const entry = realpathSync(st.isDirectory() ? folderEntry(abs) : abs);
  if (!/\.(ts|mts|js|mjs)$/.test(entry)) throw new UsageError(`${path}: a blueprint is a .ts, .mts, .js or .mjs file (or a folder holding one).`);
  return loadModule(entry, { type: 'path', path: abs }, path, opts);
}

/**
 * Every blueprint an npm package exports: the copy installed where Node.js would find it from `opts.cwd` when
 * it satisfies `range`, else one installed on demand into the cache.
 */
export async function loadFromPackage(name: string, range: string | undefined, opts: LoadOptions): Promise<LoadedBlueprint[]> {
  const pkg = await findOrInstall(name, range, opts);
  const entry = realpathSync(folderEntry(pkg.dir));
  return loadModule(entry, { type: 'package', name, version: pkg.version, dir: pkg.dir }, `${name} ${pkg.version}`, opts);
}

async function findOrInstall(name: string, range: string | undefined, opts: LoadOptions): Promise<InstalledPackage> {
  const local = findInstalledPackage(name, opts.cwd);
  const validRange = range !== undefined && semver.validRange(range) !== null;
  if (local && (range === undefined || (validRange && semver.satisfies(local.version, range, { includePrerelease: true })))) return local;
  return installPackage(name, range, { cacheDir: opts.cacheDir, ...(opts.log ? { log: opts.log } : {}), ...(opts.npm ? { npm: opts.npm } : {}) });
}

async function loadModule(entry: string, origin: BlueprintOrigin, label: string, opts: LoadOptions): Promise<LoadedBlueprint[]> {
  const url = await compileBlueprintModule(entry, { cacheDir: opts.cacheDir, cwd: opts.cwd, toolVersion: opts.toolVersion });
  // Stack traces of the blueprint's errors point at its own source lines (the compiled module has a source map).
  process.setSourceMapsEnabled(true);
  await exposeLibrary();
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(url);
  } catch (e) {
    throw new BlueprintError(`The blueprint code in ${label} failed while loading: ${describeThrown(e, opts.cwd)}`, label, [], { cause: e });
  }
  const found = new Map<string, Blueprint<any>>();
  for (const value of new Set(Object.values(mod))) {
    if (!isBlueprint(value)) continue;
    const problems = definitionProblems(value);
    if (problems.length > 0) throw new BlueprintError(`${label} exports a blueprint that is not valid: ${problems.join('; ')}.`, label);
    if (found.has(value.id)) throw new BlueprintError(`${label} exports two different blueprints with the id "${value.id}".`, label);
    try {
      provideCompiledSchema(`blueprint:${value.id}@${value.version}`, cachedSchemaValidator(value.options as object, opts.cacheDir));
    } catch (e) {
      throw new BlueprintError(`The options schema of blueprint "${value.id}" (${label}) is not a valid JSON schema: ${(e as Error).message}`, label, [], { cause: e });
    }
    found.set(value.id, value as Blueprint<any>);
  }
  if (found.size === 0) throw notABlueprint(label, mod);
  return [...found.values()].map((blueprint) => ({ blueprint, origin }));
}

function notABlueprint(label: string, mod: Record<string, unknown>): UsageError {
  const names = Object.keys(mod);
  const definition = names.find((n) => isRecord(mod[n]) && typeof (mod[n] as Record<string, unknown>)['render'] === 'function' && 'id' in (mod[n] as object));
  const hint = definition
    ? ` Its export "${definition}" looks like a blueprint definition: pass it through defineBlueprint() from catalyst-gen.`
    : ' A blueprint is an object made with defineBlueprint() from catalyst-gen and exported by the module (export const x = defineBlueprint({...}), or export default).';
  return new UsageError(`${label} is not a blueprint: it exports ${names.length > 0 ? names.map((n) => `"${n}"`).join(', ') : 'nothing'}, and no blueprint.${hint}`);
}
