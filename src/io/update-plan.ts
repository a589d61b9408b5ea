import { parseYamlSource } from '../validate/source.js';
import { mergeFileContent } from '../edit/merge-file.js';
import { hasConflictMarkers } from '../edit/merge3.js';
import type { FileKind } from '../model/project.js';
import type { FileMap, RenderedFile } from '../model/file-map.js';
import { byCodePoint } from '../render/serialize.js';
import type { Finding } from '../model/diagnostic.js';
import { homeWipeFindings } from '../validate/devfile/codecatalyst-rules.js';
import { validateText } from '../validate/file.js';
import { baseHash, sha256, type Manifest, type ManifestEntry } from './manifest.js';
import type { StrategyResolver } from './ownership.js';
import type { PlanEntry, RemovalEntry, WritePlan } from './plan.js';

export interface UpdatePlanInput {
  /** The new render. */
  readonly files: FileMap;
  /** Content on disk for every rendered path and every path the manifest lists (undefined: no such file). */
  readonly disk: ReadonlyMap<string, string | undefined>;
  /** The manifest of the last generation. */
  readonly manifest: Manifest;
  /** Verified base contents (what the blueprint rendered last time), by path; missing ones are simply absent. */
  readonly bases: ReadonlyMap<string, string>;
  readonly strategy: StrategyResolver;
}

/**
 * Edits whose effect outlives the file: the old and new parsed values of a file of that kind in, findings out.
 * Changing a devfile's `metadata.name` or main component makes CodeCatalyst replace `/home` in every Dev
 * Environment; the update says so before anything is written.
 */
const STATE_RULES: Partial<Record<FileKind, (previous: unknown, next: unknown) => Finding[]>> = {
  devfile: homeWipeFindings,
};

/**
 * Pure: decide, per file, what `update` does. Every file is a three-way merge of base (the last render), ours
 * (the disk) and theirs (the new render), with the shortcuts that make it safe and quiet: ours == base means
 * the user never touched it (replace), theirs == base means the blueprint did not change it (keep ours).
 */
export function planUpdate(input: UpdatePlanInput): WritePlan {
  const entries: PlanEntry[] = [];
  for (const file of input.files.values()) {
    const current = input.disk.get(file.path);
    const record = input.manifest.files[file.path];
    entries.push(decide(file, current, record, resolveBase(input.bases.get(file.path), current, record), input.strategy(file.path, file.mode)));
  }
  const obsolete = Object.keys(input.manifest.files).filter((p) => !input.files.has(p)).sort(byCodePoint);
  const removals: RemovalEntry[] = [];
  for (const path of obsolete) {
    const current = input.disk.get(path);
    if (current === undefined) continue; // already gone: its record is simply dropped
    const record = input.manifest.files[path]!;
    const strategy = input.strategy(path, record.mode);
    const untouched = sha256(current) === record.sha256 || input.bases.get(path) === current;
    if (strategy === 'keep-mine' || strategy === 'never-touch') removals.push({ path, action: 'keep', current, reason: `no longer generated; kept (${strategy}) and no longer tracked` });
    else if (strategy === 'take-blueprint' || untouched) removals.push({ path, action: 'remove', current, reason: 'no longer generated' });
    else removals.push({ path, action: 'keep', current, reason: 'no longer generated, but you changed it: left in place and no longer tracked' });
  }
  return { entries, obsolete, removals, warnings: stateWarnings(entries) };
}

/** The base, when it can be known: stored, or the file itself when it is exactly what was written as rendered. */
function resolveBase(stored: string | undefined, current: string | undefined, record: ManifestEntry | undefined): string | undefined {
  if (stored !== undefined) return stored;
  if (record && current !== undefined && record.base === undefined && sha256(current) === record.sha256) return current;
  return undefined;
}

function decide(file: RenderedFile, current: string | undefined, record: ManifestEntry | undefined, base: string | undefined, strategy: ReturnType<StrategyResolver>): PlanEntry {
  const theirs = file.content;
  const at = { path: file.path, file, ...(current !== undefined ? { current } : {}) };
  const blueprintChanged = base !== undefined ? base !== theirs : record ? baseHash(record) !== sha256(theirs) : true;
  if (strategy === 'never-touch') return { ...at, action: 'keep', reason: 'never-touch: left alone' };
  if (current === undefined) {
    if (!record) return { ...at, action: 'create' };
    if (strategy === 'take-blueprint') return { ...at, action: 'create', reason: 'take-blueprint: you deleted it; created again' };
    if (strategy === 'keep-mine') return { ...at, action: 'keep', reason: file.mode === 'seed' ? 'seed file: you deleted it; it stays deleted' : 'keep-mine: you deleted it; it stays deleted' };
    if (!blueprintChanged) return { ...at, action: 'keep', reason: 'you deleted it and the blueprint did not change it: it stays deleted' };
    return { ...at, action: 'create', reason: 'you deleted it, but the blueprint changed it: created again' };
  }
  if (current === theirs) return { ...at, action: 'unchanged' };
  if (strategy === 'take-blueprint') return { ...at, action: 'update', reason: 'take-blueprint: your changes are replaced' };
  if (strategy === 'keep-mine') return { ...at, action: 'keep', reason: file.mode === 'seed' ? 'seed file: it belongs to you once written' : 'keep-mine: your file is kept as it is' };
  if (!record) return { ...at, action: 'conflict', reason: 'the file already exists and was not written by catalyst-gen' };
  if (hasConflictMarkers(current)) {
    return { ...at, action: 'conflict', reason: 'it still has conflict markers from an earlier update; resolve them, then run update again' };
  }
  if (base === undefined) {
    return {
      ...at,
      action: 'conflict',
      reason: `you changed it and its last generated version (.catalyst-gen/base/${file.path}) is missing or altered, so it cannot be merged`,
    };
  }
  if (current === base) return { ...at, action: 'update' };
  if (!blueprintChanged) return { ...at, action: 'unchanged', reason: 'your changes are kept; the blueprint did not change this file' };
  const merged = mergeFileContent({ path: file.path, base, ours: current, theirs, strategy: file.mode === 'merged' ? 'yaml-edits' : 'lines' });
  if (merged.status === 'conflict') {
    if (merged.text === undefined) {
      const reason = merged.unreadable ? 'your file cannot be read to merge the blueprint\'s changes into it' : 'you and the blueprint changed the same values';
      return { ...at, action: 'conflict', reason: `${reason}; the file was left as it is`, details: merged.details, absorbs: false };
    }
    return { ...at, action: 'conflict', content: merged.text, reason: 'overlapping changes: resolve the marked regions', details: merged.details, absorbs: true };
  }
  if (merged.text === current) return { ...at, action: 'unchanged', reason: 'the blueprint\'s changes are already in your file' };
  // A merge of two valid files can still be invalid (two edits that only clash semantically): never write it.
  const errors = validateText(merged.text, file.path, file.kind).filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    return {
      ...at,
      action: 'conflict',
      reason: 'the merged file would not be valid; the file was left as it is',
      details: errors.map((d) => `${d.line ? `line ${d.line}: ` : ''}${d.code} ${d.message}`),
      absorbs: false,
    };
  }
  return { ...at, action: 'merge', content: merged.text, reason: merged.how === 'yaml-edits' ? 'your changes kept; the blueprint\'s applied as edits' : 'your changes and the blueprint\'s merged' };
}

function stateWarnings(entries: readonly PlanEntry[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const rule = STATE_RULES[e.file.kind];
    const next = e.action === 'update' || e.action === 'merge' ? (e.content ?? e.file.content) : undefined;
    if (!rule || e.current === undefined || next === undefined) continue;
    const before = parseYamlSource(e.current, e.path);
    const after = parseYamlSource(next, e.path);
    if (!before.ok || !after.ok) continue;
    for (const f of rule(before.source.value, after.source.value)) out.push(`${e.path}: ${f.message}${f.fix ? ` ${f.fix}` : ''}`);
  }
  return out;
}
