import type { FileMap, RenderedFile } from '../render/file-map.js';
import { byCodePoint } from '../render/serialize.js';
import { sha256, type Manifest } from './manifest.js';

export type PlanAction = 'create' | 'update' | 'unchanged' | 'keep' | 'conflict';

export interface PlanEntry {
  readonly path: string;
  readonly action: PlanAction;
  readonly file: RenderedFile;
  /** Content on disk now, if any. */
  readonly current?: string;
  /** Why a file is kept or in conflict, in words for the user. */
  readonly reason?: string;
}

export interface WritePlan {
  readonly entries: readonly PlanEntry[];
  /** Files the manifest lists that the blueprint no longer renders; reported, never deleted by `new`. */
  readonly obsolete: readonly string[];
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
  if (recorded && sha256(current) === recorded.sha256) return { ...base, action: 'update' };
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
  return plan.entries.some((e) => e.action === 'create' || e.action === 'update' || e.action === 'conflict');
}
