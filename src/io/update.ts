import { ConflictError, UsageError } from '../errors.js';
import { formatStatefulChange, statefulChanges } from '../options/stateful.js';
import { upgradeNotesBetween } from '../model/upgrade-notes.js';
import type { FileMap } from '../model/file-map.js';
import { loadBases } from './base-store.js';
import { buildChanges, buildManifest, readManifest, renderBlueprint, type GenerateRequest, type PreparedGeneration } from './generate.js';
import { MANIFEST_PATH } from './manifest.js';
import { loadOwnership, strategyResolver } from './ownership.js';
import type { PlanEntry, WritePlan } from './plan.js';
import { TargetFolder } from './target.js';
import { planUpdate } from './update-plan.js';

/**
 * `update`: render the recorded blueprint with the resolved options, read the disk, the stored bases and the
 * ownership rules, and plan a three-way merge of every file. Reads the disk, writes nothing.
 */
export function prepareUpdate(req: GenerateRequest): PreparedGeneration {
  const target = new TargetFolder(req.targetDir);
  const previous = readManifest(target);
  if (!previous) throw new UsageError(`${target.root} has no ${MANIFEST_PATH}; create a project with "catalyst-gen new" first.`);
  if (previous.blueprint.id !== req.blueprint.id) {
    throw new ConflictError(`${target.root} was generated from blueprint "${previous.blueprint.id}", not "${req.blueprint.id}".`, [MANIFEST_PATH]);
  }
  const files = renderBlueprint(req.blueprint, req.options, req.sourceLabel);
  const strategy = strategyResolver(req.blueprint.ownership ?? [], loadOwnership(target));
  const disk = new Map<string, string | undefined>();
  for (const p of [...files.keys(), ...Object.keys(previous.files)]) if (!disk.has(p)) disk.set(p, target.read(p));
  const bases = loadBases(target, previous, () => rerender(req, previous.options));
  let plan: WritePlan = planUpdate({ files, disk, manifest: previous, bases, strategy });
  if (req.force) plan = { ...plan, entries: plan.entries.map(forced) };
  // What the team must do by hand for the versions this update crosses, then options that name deployed
  // resources: said first, before any file warning and before anything is written.
  const notes = upgradeNotesBetween(req.blueprint.upgradeNotes, previous.blueprint.version, req.blueprint.version).map(
    ({ version, note }) => `blueprint ${req.blueprint.id} ${version}: ${note}`,
  );
  const renamed = statefulChanges(req.blueprint.statefulOptions ?? [], previous.options, req.options).map(formatStatefulChange);
  if (notes.length + renamed.length > 0) plan = { ...plan, warnings: [...notes, ...renamed, ...(plan.warnings ?? [])] };
  const manifest = buildManifest(req, plan, previous);
  const changes = buildChanges(plan, manifest, previous, bases, target);
  return { request: req, target, files, plan, manifest, previous, changes, command: 'update' };
}

/** `--force`: the blueprint wins every conflict (as `take-blueprint` would). */
function forced(e: PlanEntry): PlanEntry {
  if (e.action !== 'conflict') return e;
  const { content: _content, details: _details, absorbs: _absorbs, ...rest } = e;
  return { ...rest, action: 'update', reason: 'overwritten with --force' };
}

/** The recorded options rendered by the installed blueprint: a base for files whose stored copy is missing. */
function rerender(req: GenerateRequest, recorded: Readonly<Record<string, unknown>>): FileMap | undefined {
  try {
    return renderBlueprint(req.blueprint, recorded, req.sourceLabel);
  } catch {
    return undefined; // options the new version no longer accepts: no fallback, stored copies only
  }
}
