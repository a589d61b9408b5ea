import { ConflictError, InternalError, ValidationError } from '../errors.js';
import type { Blueprint } from '../model/blueprint.js';
import type { FileMap } from '../render/file-map.js';
import { renderProject, templatesUsed } from '../render/project.js';
import { hasErrors } from '../validate/diagnostic.js';
import { validateFileMap } from '../validate/file.js';
import { applyPlan, type ApplyResult } from './apply.js';
import { MANIFEST_PATH, parseManifest, sha256, type Manifest, type ManifestEntry } from './manifest.js';
import { conflicts, planWrites, type WritePlan } from './plan.js';
import { TargetFolder } from './target.js';
import { loadTemplates } from './templates.js';

export interface GenerateRequest {
  readonly blueprint: Blueprint<any>;
  /** Options already resolved and validated against the blueprint's schema. */
  readonly options: Readonly<Record<string, unknown>>;
  readonly targetDir: string;
  readonly force?: boolean;
  readonly toolVersion: string;
}

export interface PreparedGeneration {
  readonly request: GenerateRequest;
  readonly target: TargetFolder;
  readonly files: FileMap;
  readonly plan: WritePlan;
  readonly manifest: Manifest;
  readonly previous?: Manifest;
}

/** Render the blueprint and every file in memory, validate it, and plan the writes. Reads the disk, writes nothing. */
export function prepareGeneration(req: GenerateRequest): PreparedGeneration {
  const files = renderBlueprint(req.blueprint, req.options);
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
  return { request: req, target, files, plan, manifest, ...(previous ? { previous } : {}) };
}

/** Write a prepared generation. Refuses (and writes nothing) when any file is in conflict. */
export function applyGeneration(prepared: PreparedGeneration): ApplyResult {
  const c = conflicts(prepared.plan);
  if (c.length > 0) {
    throw new ConflictError(
      `Nothing was written: ${c.length} file(s) would overwrite changes:\n${c.map((e) => `  ${e.path}: ${e.reason}`).join('\n')}\nMove your changes aside, or run again with --force to overwrite them.`,
      c.map((e) => e.path),
    );
  }
  return applyPlan(prepared.plan, prepared.target, prepared.manifest);
}

/** Pure render of a blueprint plus the check that every structured file it produced is valid. */
export function renderBlueprint(blueprint: Blueprint<any>, options: Readonly<Record<string, unknown>>): FileMap {
  const def = blueprint.render(options);
  const files = renderProject(def, { blueprintId: blueprint.id, templates: loadTemplates(templatesUsed(def)) });
  const diagnostics = validateFileMap(files);
  if (hasErrors(diagnostics)) {
    throw new InternalError(`Blueprint ${blueprint.id} rendered files that fail validation; nothing was written.`, diagnostics);
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

function buildManifest(req: GenerateRequest, plan: WritePlan, previous: Manifest | undefined): Manifest {
  const entries: Record<string, ManifestEntry> = {};
  for (const e of plan.entries) {
    // A kept seed file keeps its old record: the manifest says what catalyst-gen wrote, not what the user made of it.
    if (e.action === 'keep' && previous?.files[e.path]) entries[e.path] = previous.files[e.path]!;
    else entries[e.path] = { sha256: sha256(e.file.content), mode: e.file.mode };
  }
  // Files no longer rendered stay recorded so a later `update` can still tell whether the user changed them.
  for (const p of plan.obsolete) if (previous?.files[p]) entries[p] = previous.files[p]!;
  return {
    manifestVersion: 1,
    generator: { name: 'catalyst-gen', version: req.toolVersion },
    blueprint: { id: req.blueprint.id, version: req.blueprint.version },
    options: req.options,
    files: entries,
  };
}
