import type { FileMap, RenderedFile } from '../model/file-map.js';
import { byCodePoint } from '../render/serialize.js';
import { sha256, type Manifest } from './manifest.js';

/**
 * - `create`: the file does not exist; `update`: replaced by the render (the user never changed it);
 * - `merge`: the user's and the blueprint's changes merged cleanly (`update` only);
 * - `unchanged`: nothing to write; `keep`: the render is not applied (seed file, ownership rule, deleted file);
 * - `conflict`: `new` refuses; `update` writes conflict markers when it can (see `content`), else leaves the file.
 */
export type PlanAction = 'create' | 'update' | 'merge' | 'unchanged' | 'keep' | 'conflict';

export interface PlanEntry {
  readonly path: string;
  readonly action: PlanAction;
  /** The new render. */
  readonly file: RenderedFile;
  /** Content on disk now, if any. */
  readonly current?: string;
  /** Why a file is kept, merged or in conflict, in words for the user. */
  readonly reason?: string;
  /** What to write when it is not the render itself: a merge result, or conflict markers. */
  readonly content?: string;
  /**
   * Whether the file holds the render's changes afterwards, so the render becomes the base of the next merge.
   * @default true for create, update, merge and unchanged; false otherwise
   */
  readonly absorbs?: boolean;
  /** Each conflicting place, or the validation errors of a merge, for the report. */
  readonly details?: readonly string[];
}

/** A file the manifest lists that the blueprint no longer renders (`update` only). */
export interface RemovalEntry {
  readonly path: string;
  /** `remove`: unchanged since generated, deleted; `keep`: changed by the user or protected, left in place. */
  readonly action: 'remove' | 'keep';
  readonly current: string;
  readonly reason: string;
}

export interface WritePlan {
  readonly entries: readonly PlanEntry[];
  /** Files the manifest lists that the blueprint no longer renders; reported, never deleted by `new`. */
  readonly obsolete: readonly string[];
  /** What `update` does with the obsolete files. */
  readonly removals?: readonly RemovalEntry[];
  /** Things the user must know before anything is written (an edit that wipes Dev Environment state). */
  readonly warnings?: readonly string[];
}

/** The bytes an entry writes, or undefined when it writes nothing. */
export function writtenContent(e: PlanEntry): string | undefined {
  switch (e.action) {
    case 'create':
    case 'update':
      return e.content ?? e.file.content;
    case 'merge':
    case 'conflict':
      return e.content;
    default:
      return undefined;
  }
}

export function absorbsRender(e: PlanEntry): boolean {
  return e.absorbs ?? (e.action === 'create' || e.action === 'update' || e.action === 'merge' || e.action === 'unchanged');
}

export interface PlanInput {
  readonly files: FileMap;
  /** Content on disk for each rendered path (undefined: no such file). */
  readonly disk: ReadonlyMap<string, string | undefined>;
  readonly manifest?: Manifest;
  /** Overwrite files the user changed. @default false */
  readonly force?: boolean;
}

/** Pure: decide, per file, what writing the render would do. Nothing is written for a plan with conflicts. */
export function planWrites(input: PlanInput): WritePlan {
  const entries: PlanEntry[] = [];
  for (const file of input.files.values()) {
    const current = input.disk.get(file.path);
    entries.push(decide(file, current, input.manifest, input.force ?? false));
  }
  const obsolete = input.manifest ? Object.keys(input.manifest.files).filter((p) => !input.files.has(p)).sort(byCodePoint) : [];
  return { entries, obsolete };
}

function decide(file: RenderedFile, current: string | undefined, manifest: Manifest | undefined, force: boolean): PlanEntry {
  const base = { path: file.path, file, ...(current !== undefined ? { current } : {}) };
  if (current === undefined) return { ...base, action: 'create' };
  if (current === file.content) return { ...base, action: 'unchanged' };
  const recorded = manifest?.files[file.path];
  if (file.mode === 'seed' && recorded) return { ...base, action: 'keep', reason: 'seed file: it belongs to you once written' };
  // Untouched means "still exactly the render catalyst-gen wrote"; a file `update` merged holds the user's edits.
  if (recorded && sha256(current) === recorded.sha256 && recorded.base === undefined) return { ...base, action: 'update' };
  if (recorded && sha256(current) === recorded.sha256 && !force) {
    return { ...base, action: 'conflict', reason: 'it holds your changes merged by "catalyst-gen update"; run update to merge again' };
  }
  if (force) return { ...base, action: 'update', reason: 'overwritten with --force' };
  const reason = recorded
    ? 'you changed this file since catalyst-gen wrote it'
    : 'the file already exists and was not written by catalyst-gen';
  return { ...base, action: 'conflict', reason };
}

export function conflicts(plan: WritePlan): PlanEntry[] {
  return plan.entries.filter((e) => e.action === 'conflict');
}

/** Would applying the plan change anything on disk? (`--check`) */
export function hasDrift(plan: WritePlan): boolean {
  return (
    plan.entries.some((e) => e.action === 'create' || e.action === 'update' || e.action === 'merge' || e.action === 'conflict') ||
    (plan.removals ?? []).some((r) => r.action === 'remove')
  );
}
