import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { catalogueEntries } from '../../blueprints/catalogue.js';
import { UsageError, ValidationError } from '../errors.js';
import type { BlueprintMeta } from '../model/blueprint.js';
import { describeRecordedSource, parseSourceSpec, type CodeSourceSpec } from '../model/blueprint-source.js';
import { MANIFEST_PATH, type Manifest } from '../io/manifest.js';
import { closest } from '../validate/suggest.js';
import type { NpmRunner } from '../io/blueprint-package.js';
import type { LoadedBlueprint, LoadOptions } from '../io/blueprint-load.js';
import { toolVersion } from './version.js';

/**
 * The catalogue the CLI offers: the built-in blueprints and those of the catalogue files that apply here
 * (`.catalyst-gen.yaml` in this folder or a parent, and the user's), and the one function that turns what the
 * user typed (an id, a path, a package) into a loaded blueprint. The blueprint-loading modules (esbuild,
 * TypeScript, npm) are imported only when a source that needs them is used: `new <built-in id>` in a folder
 * without catalogue files loads none of them.
 */
export interface CatalogueItem extends BlueprintMeta {
  /** Where it comes from, for `list`: `built-in`, `./blueprints/service.ts`, `@acme/blueprints 2.1.0`. */
  readonly source: string;
  load(): Promise<LoadedBlueprint>;
}

export interface CatalogueContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Progress and notices, one line each (stderr). */
  readonly log: (line: string) => void;
  readonly npm?: NpmRunner;
}

export function processCatalogueContext(log: (line: string) => void): CatalogueContext {
  return { cwd: process.cwd(), env: process.env, log };
}

async function loadOptions(ctx: CatalogueContext, cwd = ctx.cwd): Promise<LoadOptions> {
  const { cacheDir } = await import('../io/user-dirs.js');
  return { cacheDir: cacheDir(ctx.env), cwd, toolVersion: toolVersion(), log: ctx.log, ...(ctx.npm ? { npm: ctx.npm } : {}) };
}

const builtinItems: readonly CatalogueItem[] = catalogueEntries.map((e) => ({
  id: e.id,
  displayName: e.displayName,
  description: e.description,
  version: e.version,
  source: 'built-in',
  load: async () => ({ blueprint: await e.load(), origin: { type: 'builtin' } }),
}));

/**
 * Every blueprint on offer: built-in first, then each configured source's, in file order. Configured sources
 * are loaded (compiled code is cached). Two blueprints with one id are an error that names both sources.
 */
export async function loadCatalogueItems(ctx: CatalogueContext): Promise<CatalogueItem[]> {
  const { readCatalogueConfigs } = await import('../io/catalogue-config.js');
  const configured = readCatalogueConfigs(ctx.cwd, ctx.env);
  const items: (CatalogueItem & { readonly where?: string })[] = [...builtinItems];
  if (configured.length === 0) return items;
  const { describeOrigin } = await import('../io/blueprint-origin.js');
  const seen = new Set<string>();
  for (const c of configured) {
    const key = c.spec.kind === 'path' ? `path:${c.spec.path}` : JSON.stringify(c.spec);
    if (seen.has(key)) continue; // listed by the user's file and the project's: one source
    seen.add(key);
    let loaded: LoadedBlueprint[];
    try {
      loaded = await loadSpec(c.spec, ctx, c.base);
    } catch (e) {
      ctx.log(`While loading "${c.text}", listed in ${c.where}:`);
      throw e;
    }
    for (const l of loaded) {
      const { id, displayName, description, version } = l.blueprint;
      items.push({ id, displayName, description, version, source: describeOrigin(l.origin, ctx.cwd), where: c.where, load: async () => l });
    }
  }
  const byId = new Map<string, (typeof items)[number]>();
  for (const item of items) {
    const other = byId.get(item.id);
    if (other) {
      const name = (i: (typeof items)[number]) => (i.where ? `${i.source} (listed in ${i.where})` : `the ${i.source} catalogue`);
      throw new ValidationError(
        `Two blueprints have the id "${item.id}": ${name(other)} and ${name(item)}. Ids must be unique in a catalogue: remove one of the sources, or give one of the blueprints another id.`,
      );
    }
    byId.set(item.id, item);
  }
  return items;
}

/**
 * What the user typed, loaded: a catalogue id, a path (`./service.ts`, a folder) or an npm package
 * (`@acme/service`, `npm:service@^2`). A source that exports several blueprints takes `#<id>` to choose one.
 */
export async function resolveBlueprint(text: string, ctx: CatalogueContext): Promise<LoadedBlueprint> {
  const hash = text.lastIndexOf('#');
  const select = hash > 0 ? text.slice(hash + 1) : undefined;
  const parsed = parseSourceSpec(hash > 0 ? text.slice(0, hash) : text);
  if (!parsed.ok) throw new UsageError(`${parsed.reason}.`);
  const spec = parsed.spec;
  if (spec.kind === 'catalogue') {
    if (select !== undefined) throw new UsageError(`"${text}": "#<id>" chooses among the blueprints of a path or a package, not of an id.`);
    const items = await catalogueItemsHere(ctx);
    const item = items.find((b) => b.id === spec.id);
    if (item) return item.load();
    // An unscoped npm package installed where Node.js finds it.
    const { findInstalledPackage } = await import('../io/blueprint-package.js');
    if (findInstalledPackage(spec.id, ctx.cwd)) return pick(await loadSpec({ kind: 'package', name: spec.id }, ctx), undefined, text);
    const guess = closest(spec.id, items.map((b) => b.id));
    throw new UsageError(
      `Unknown blueprint "${spec.id}".${guess ? ` Did you mean "${guess}"?` : ''} Run "catalyst-gen list" to see the catalogue. A blueprint of your own is named by its path (./${spec.id}.ts) or its npm package (@scope/${spec.id}, npm:${spec.id}).`,
    );
  }
  return pick(await loadSpec(spec, ctx), select, text);
}

/** The built-in catalogue alone when no catalogue file applies (nothing to load); else the whole catalogue. */
async function catalogueItemsHere(ctx: CatalogueContext): Promise<readonly CatalogueItem[]> {
  const { PROJECT_CONFIG_FILE } = await import('../io/catalogue-config.js');
  const { userConfigFile } = await import('../io/user-dirs.js');
  const { findUp } = await import('../io/find-up.js');
  const anyConfig = existsSync(userConfigFile(ctx.env)) || findUp(resolve(ctx.cwd), PROJECT_CONFIG_FILE) !== undefined;
  return anyConfig ? loadCatalogueItems(ctx) : builtinItems;
}

async function loadSpec(spec: CodeSourceSpec, ctx: CatalogueContext, base = ctx.cwd): Promise<LoadedBlueprint[]> {
  const load = await import('../io/blueprint-load.js');
  const opts = await loadOptions(ctx, base);
  return spec.kind === 'path' ? load.loadFromPath(spec.path, opts) : load.loadFromPackage(spec.name, spec.range, opts);
}

function pick(loaded: readonly LoadedBlueprint[], select: string | undefined, text: string): LoadedBlueprint {
  const source = text.replace(/#[^#]*$/, '');
  if (select !== undefined) {
    const found = loaded.find((l) => l.blueprint.id === select);
    if (found) return found;
    throw new UsageError(`${source} has no blueprint "${select}"; it exports ${loaded.map((l) => `"${l.blueprint.id}"`).join(', ')}.`);
  }
  if (loaded.length === 1) return loaded[0]!;
  throw new UsageError(`${source} exports ${loaded.length} blueprints (${loaded.map((l) => l.blueprint.id).join(', ')}); choose one: ${loaded.map((l) => `${source}#${l.blueprint.id}`).join(', ')}.`);
}

/**
 * The blueprint a project was made with, found again from its manifest: built-in by id; a path relative to
 * the project; a package where Node.js finds it from the project (at whatever version is installed there),
 * else its recorded version installed on demand. `from`, when given, replaces the recorded source (a moved
 * file, a new package version).
 */
export async function resolveRecordedBlueprint(manifest: Manifest, projectDir: string, from: string | undefined, ctx: CatalogueContext): Promise<LoadedBlueprint> {
  const { id } = manifest.blueprint;
  if (from !== undefined) {
    const loaded = await resolveBlueprint(from, ctx);
    if (loaded.blueprint.id !== id) {
      throw new UsageError(`${from} is blueprint "${loaded.blueprint.id}", but ${projectDir} was made with "${id}". --from must name the same blueprint, moved or at another version.`);
    }
    return loaded;
  }
  const source = manifest.blueprint.source ?? { type: 'builtin' as const };
  if (source.type === 'builtin') {
    const item = builtinItems.find((b) => b.id === id);
    if (!item) throw new UsageError(`${projectDir} was made with blueprint "${id}", which this catalyst-gen does not have built in. Name where it is with --from <path or package>.`);
    return item.load();
  }
  const recordedIn = `${MANIFEST_PATH} in ${projectDir}`;
  if (source.type === 'path') {
    const abs = resolve(projectDir, source.path);
    if (!existsSync(abs)) {
      throw new UsageError(`The blueprint of this project, ${source.path} (recorded in ${recordedIn}), does not exist. Restore it, or name where it is now: catalyst-gen update --from <path or package>.`);
    }
    return pick(await loadSpec({ kind: 'path', path: abs }, ctx, projectDir), id, `${source.path}#${id}`);
  }
  const { findInstalledPackage } = await import('../io/blueprint-package.js');
  const installed = findInstalledPackage(source.name, projectDir);
  const loaded = await loadSpec({ kind: 'package', name: source.name, ...(installed ? {} : { range: source.version }) }, ctx, projectDir);
  return pick(loaded, id, `${describeRecordedSource(source)}#${id}`);
}
