import { BlueprintError, CatalystError, ConflictError, InternalError, ValidationError } from '../errors.js';
import type { Blueprint } from '../model/blueprint.js';
import type { RecordedSource } from '../model/blueprint-source.js';
import type { ProjectDef } from '../model/project.js';
import type { FileMap } from '../model/file-map.js';
import { renderProject, templatesUsed } from '../render/project.js';
import { hasErrors } from '../model/diagnostic.js';
import { validateFileMap } from '../validate/file.js';
import { applyChanges, applyChangesAsync, type ApplyResult, type FileChanges } from './apply.js';
import { removeLeftoverTemps } from './atomic-write.js';
import { dirname, join } from 'node:path';
import { basePath } from './base-store.js';
import { baseHash, MANIFEST_PATH, parseManifest, serializeManifest, sha256, type Manifest, type ManifestEntry } from './manifest.js';
import { absorbsRender, conflicts, planWrites, writtenContent, type WritePlan } from './plan.js';
import { TargetFolder } from './target.js';
import { cachedTemplateSpec } from './compiled-cache.js';
import { loadTemplates } from './templates.js';
import { cacheDir } from './user-dirs.js';
import { describeThrown } from './thrown.js';
import { withEditorSettings } from './editor-settings.js';

export interface GenerateRequest {
  readonly blueprint: Blueprint<any>;
  /** Options already resolved and validated against the blueprint's schema. */
  readonly options: Readonly<Record<string, unknown>>;
  readonly targetDir: string;
  readonly force?: boolean;
  readonly toolVersion: string;
  /** Where the blueprint came from: recorded in the manifest so `update` finds it again. @default built-in */
  readonly source?: RecordedSource;
  /**
   * How a blueprint that is not built in is named in messages (`./service.ts`, `@acme/service 1.2.0`): its
   * failures are reported as its own (BlueprintError), not as catalyst-gen's. @default - built in
   */
  readonly sourceLabel?: string;
}

export interface PreparedGeneration {
  readonly request: GenerateRequest;
  readonly target: TargetFolder;
  readonly files: FileMap;
  readonly plan: WritePlan;
  readonly manifest: Manifest;
  readonly previous?: Manifest;
  /** Everything applying writes or removes: files, base copies, the manifest (only when it changes). */
  readonly changes: FileChanges;
  /** `new` refuses to write anything while a file is in conflict; `update` writes conflict markers and reports. */
  readonly command: 'new' | 'update';
}

/** Render the blueprint and every file in memory, validate it, and plan the writes. Reads the disk, writes nothing. */
export function prepareGeneration(req: GenerateRequest): PreparedGeneration {
  const files = renderBlueprint(req.blueprint, req.options, req.sourceLabel);
  const target = new TargetFolder(req.targetDir);
  const previous = readManifest(target);
  if (previous && previous.blueprint.id !== req.blueprint.id) {
    throw new ConflictError(
      `${target.root} was generated from blueprint "${previous.blueprint.id}", not "${req.blueprint.id}". Choose another folder.`,
      [MANIFEST_PATH],
    );
  }
  const disk = new Map<string, string | undefined>();
  for (const p of files.keys()) disk.set(p, target.read(p));
  const plan = planWrites({ files, disk, ...(previous ? { manifest: previous } : {}), force: req.force ?? false });
  const manifest = buildManifest(req, plan, previous);
  const changes = buildChanges(plan, manifest, previous, new Map(), target);
  return { request: req, target, files, plan, manifest, changes, command: 'new', ...(previous ? { previous } : {}) };
}

/**
 * Write a prepared generation. `new` refuses (and writes nothing) when any file is in conflict; `update`
 * writes everything it planned, conflict markers included, and the caller reports the conflicts.
 */
export function applyGeneration(prepared: PreparedGeneration): ApplyResult {
  refuseConflicts(prepared);
  removeLeftovers(prepared);
  return applyChanges(prepared.changes, prepared.target);
}

/** `applyGeneration`, flushing the files to disk concurrently (`applyChangesAsync`): what the CLI runs. */
export async function applyGenerationAsync(prepared: PreparedGeneration): Promise<ApplyResult> {
  refuseConflicts(prepared);
  removeLeftovers(prepared);
  return applyChangesAsync(prepared.changes, prepared.target);
}

/**
 * Temporary files that a killed run left beside the project's files (and their base copies): removed before
 * this run writes, in every folder the blueprint renders into, written or not.
 */
function removeLeftovers(prepared: PreparedGeneration): void {
  const paths = [...prepared.plan.entries.map((e) => e.path), ...(prepared.plan.removals ?? []).map((r) => r.path)];
  const dirs = new Set([dirname(MANIFEST_PATH), ...paths.flatMap((p) => [dirname(p), dirname(basePath(p))])]);
  for (const d of dirs) removeLeftoverTemps(join(prepared.target.root, d));
}

function refuseConflicts(prepared: PreparedGeneration): void {
  const c = conflicts(prepared.plan);
  if (prepared.command === 'new' && c.length > 0) {
    throw new ConflictError(
      `Nothing was written: ${c.length} file(s) would overwrite changes:\n${c.map((e) => `  ${e.path}: ${e.reason}`).join('\n')}\nMove your changes aside, or run again with --force to overwrite them.`,
      c.map((e) => e.path),
    );
  }
}

/**
 * Render a blueprint and check that every structured file it produced is valid. A blueprint that is not
 * built in and fails (throws something other than catalyst-gen's own errors, renders an invalid file) is a
 * BlueprintError, reported to its authors rather than as a bug in catalyst-gen.
 */
export function renderBlueprint(blueprint: Blueprint<any>, options: Readonly<Record<string, unknown>>, sourceLabel?: string): FileMap {
  const custom = sourceLabel !== undefined;
  const name = `"${blueprint.id}" (${sourceLabel})`;
  let def: ProjectDef;
  try {
    def = blueprint.render(options);
  } catch (e) {
    // catalyst-gen's errors are deliberate (a ValidationError for options the blueprint refuses): as they are.
    if (!custom || e instanceof CatalystError) throw e;
    throw new BlueprintError(`Blueprint ${name} failed while rendering: ${describeThrown(e)}`, name, [], { cause: e });
  }
  if (custom && (typeof def !== 'object' || def === null || !Array.isArray((def as ProjectDef).files))) {
    throw new BlueprintError(`Blueprint ${name} returned ${JSON.stringify(def)?.slice(0, 80) ?? String(def)} from render; it must return { files: [...] }.`, name);
  }
  let files: FileMap;
  try {
    const own = blueprint.templates ?? {};
    const used = templatesUsed(def);
    const builtIn = loadTemplates(used.filter((t) => !Object.hasOwn(own, t)));
    // A blueprint's own templates, precompiled once in the cache (built-in ones are precompiled by the build).
    const precompiledTemplates = new Map(used.filter((t) => Object.hasOwn(own, t)).map((t) => [t, cachedTemplateSpec(own[t]!, cacheDir())]));
    files = renderProject(def, { blueprintId: blueprint.id, templates: new Map([...Object.entries(own), ...builtIn]), precompiledTemplates });
  } catch (e) {
    // A part that fails (a template neither the blueprint nor catalyst-gen has, a bad path) is the blueprint's.
    if (custom && e instanceof InternalError) throw new BlueprintError(e.message, name, e.diagnostics, { cause: e });
    if (custom && !(e instanceof CatalystError)) throw new BlueprintError(`Blueprint ${name} failed while rendering: ${describeThrown(e)}`, name, [], { cause: e });
    throw e;
  }
  // Added here, not by each blueprint: every project with a devfile, workflow or buildspec gets them, custom
  // blueprints' too, and the schemas come from the assets this process validates with.
  files = withEditorSettings(files);
  const diagnostics = validateFileMap(files);
  if (hasErrors(diagnostics)) {
    const message = `Blueprint ${name} rendered files that fail validation; nothing was written.`;
    throw custom ? new BlueprintError(message, name, diagnostics) : new InternalError(message, diagnostics);
  }
  return files;
}

export function readManifest(target: TargetFolder): Manifest | undefined {
  const text = target.read(MANIFEST_PATH);
  if (text === undefined) return undefined;
  const parsed = parseManifest(text);
  if (!parsed.ok) throw new ValidationError(`${MANIFEST_PATH} in ${target.root} cannot be used: ${parsed.reason}.`);
  return parsed.manifest;
}

export function buildManifest(req: GenerateRequest, plan: WritePlan, previous: Manifest | undefined): Manifest {
  const entries: Record<string, ManifestEntry> = {};
  for (const e of plan.entries) {
    const prev = previous?.files[e.path];
    const written = writtenContent(e);
    // The hash of the file as catalyst-gen last wrote it; a file left alone keeps its old record (a kept seed
    // file: the manifest says what catalyst-gen wrote, not what the user made of it).
    let hash: string;
    if (written !== undefined) hash = sha256(written);
    else if (e.current !== undefined && e.current === e.file.content) hash = sha256(e.file.content);
    else if (prev) hash = prev.sha256;
    else continue;
    const base = absorbsRender(e) ? sha256(e.file.content) : prev ? baseHash(prev) : hash;
    entries[e.path] = { sha256: hash, mode: e.file.mode, ...(base !== hash ? { base } : {}) };
  }
  // `new` keeps files no longer rendered recorded so a later `update` can still tell whether the user changed
  // them; `update` has dealt with them (removed, or kept and no longer tracked).
  if (!plan.removals) for (const p of plan.obsolete) if (previous?.files[p]) entries[p] = previous.files[p]!;
  return {
    manifestVersion: 1,
    generator: { name: 'catalyst-gen', version: req.toolVersion },
    blueprint: { id: req.blueprint.id, version: req.blueprint.version, source: req.source ?? { type: 'builtin' } },
    options: req.options,
    files: entries,
  };
}

/**
 * What applying a plan changes on disk: the files, the removals, the base copy of every file whose base moved
 * (see base-store.ts), stale base copies, and the manifest, which is only rewritten when its text changes so a
 * no-op run touches nothing.
 */
export function buildChanges(plan: WritePlan, manifest: Manifest, previous: Manifest | undefined, bases: ReadonlyMap<string, string>, target: TargetFolder): FileChanges {
  const writes = plan.entries.flatMap((e) => {
    const content = writtenContent(e);
    return content === undefined ? [] : [{ path: e.path, content, executable: e.file.executable }];
  });
  const removes = (plan.removals ?? []).filter((r) => r.action === 'remove').map((r) => r.path);
  const internal: { path: string; content: string }[] = [];
  const byPath = new Map(plan.entries.map((e) => [e.path, e]));
  for (const [path, entry] of Object.entries(manifest.files)) {
    const e = byPath.get(path);
    const desired = e && absorbsRender(e) ? e.file.content : bases.get(path);
    if (desired === undefined || sha256(desired) !== baseHash(entry)) continue;
    if (target.read(basePath(path)) !== desired) internal.push({ path: basePath(path), content: desired });
  }
  const internalRemoves: string[] = [];
  for (const path of Object.keys(previous?.files ?? {})) {
    if (!manifest.files[path] && target.read(basePath(path)) !== undefined) internalRemoves.push(basePath(path));
  }
  const text = serializeManifest(manifest);
  return { writes, internal, removes, internalRemoves, ...(manifestChanged(target.read(MANIFEST_PATH), manifest) ? { manifest: text } : {}) };
}

/**
 * Whether the manifest on disk must be rewritten. The generator version is recorded but is not a change by
 * itself: after an upgrade of catalyst-gen, a run that changes nothing else leaves the manifest alone.
 */
export function manifestChanged(onDisk: string | undefined, manifest: Manifest): boolean {
  if (onDisk === undefined) return true;
  const parsed = parseManifest(onDisk);
  if (!parsed.ok) return true;
  return serializeManifest({ ...parsed.manifest, generator: manifest.generator }) !== serializeManifest(manifest) || onDisk !== serializeManifest(parsed.manifest);
}
