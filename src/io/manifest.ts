import { createHash } from 'node:crypto';
import { parseRecordedSource, type RecordedSource } from '../model/blueprint-source.js';
import type { OwnershipMode } from '../model/project.js';
import { normalizeRelativePath, reservedPathReason } from '../render/paths.js';
import { isRecord } from '../model/values.js';

export const MANIFEST_PATH = '.catalyst-gen/manifest.json';

export interface ManifestEntry {
  /** Hash of the file as catalyst-gen last wrote it (a merge result, when it merged). */
  readonly sha256: string;
  readonly mode: OwnershipMode;
  /**
   * Hash of the blueprint's own render the file last absorbed: the base of the next three-way merge, whose
   * content is kept in `.catalyst-gen/base/<path>`. Omitted when equal to `sha256` (the file was written as rendered).
   */
  readonly base?: string;
}

/** Hash of the base content an entry records. */
export function baseHash(e: ManifestEntry): string {
  return e.base ?? e.sha256;
}

/** What was generated, with what, and the hash of each file as written. Written last, after every file. */
export interface Manifest {
  readonly manifestVersion: 1;
  readonly generator: { readonly name: 'catalyst-gen'; readonly version: string };
  /**
   * The blueprint and where it came from, so `update` finds it again. Manifests written before sources were
   * recorded have none: those came from the built-in catalogue.
   */
  readonly blueprint: { readonly id: string; readonly version: string; readonly source?: RecordedSource };
  readonly options: Readonly<Record<string, unknown>>;
  readonly files: Readonly<Record<string, ManifestEntry>>;
}

export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The manifest is untrusted input (it sits in the user's repository): every field is checked, and a file
 * entry whose path would leave the folder is an error, never followed.
 */
export function parseManifest(text: string): { ok: true; manifest: Manifest } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `it is not valid JSON (${(e as Error).message})` };
  }
  if (!isRecord(raw)) return { ok: false, reason: 'it is not a JSON object' };
  const r = raw;
  if (r['manifestVersion'] !== 1) return { ok: false, reason: `manifestVersion is ${JSON.stringify(r['manifestVersion'])}; this version reads 1` };
  const bp = r['blueprint'] as Record<string, unknown> | undefined;
  if (!bp || typeof bp['id'] !== 'string' || typeof bp['version'] !== 'string') return { ok: false, reason: 'blueprint.id and blueprint.version must be strings' };
  let source: RecordedSource | undefined;
  if (bp['source'] !== undefined) {
    const parsed = parseRecordedSource(bp['source']);
    if (!parsed.ok) return { ok: false, reason: parsed.reason };
    source = parsed.source;
  }
  const gen = r['generator'] as Record<string, unknown> | undefined;
  const options = r['options'];
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return { ok: false, reason: 'options must be an object' };
  const filesRaw = r['files'];
  if (typeof filesRaw !== 'object' || filesRaw === null || Array.isArray(filesRaw)) return { ok: false, reason: 'files must be an object' };
  const files: Record<string, ManifestEntry> = {};
  for (const [p, e] of Object.entries(filesRaw as Record<string, unknown>)) {
    const norm = normalizeRelativePath(p);
    if (!norm.ok || norm.path !== p) return { ok: false, reason: `file entry "${p}" is not a safe relative path` };
    const reserved = reservedPathReason(p);
    if (reserved) return { ok: false, reason: `file entry "${p}" cannot be a generated file: ${reserved}` };
    const entry = e as Record<string, unknown>;
    if (typeof entry?.['sha256'] !== 'string' || !/^[0-9a-f]{64}$/.test(entry['sha256'])) return { ok: false, reason: `file entry "${p}" has no valid sha256` };
    const mode = entry['mode'];
    if (mode !== 'managed' && mode !== 'seed' && mode !== 'merged') return { ok: false, reason: `file entry "${p}" has an unknown mode ${JSON.stringify(mode)}` };
    const base = entry['base'];
    if (base !== undefined && (typeof base !== 'string' || !/^[0-9a-f]{64}$/.test(base))) return { ok: false, reason: `file entry "${p}" has an invalid base hash` };
    files[p] = { sha256: entry['sha256'], mode, ...(base !== undefined && base !== entry['sha256'] ? { base } : {}) };
  }
  return {
    ok: true,
    manifest: {
      manifestVersion: 1,
      generator: { name: 'catalyst-gen', version: typeof gen?.['version'] === 'string' ? gen['version'] : 'unknown' },
      blueprint: { id: bp['id'], version: bp['version'], ...(source ? { source } : {}) },
      options: options as Record<string, unknown>,
      files,
    },
  };
}

export function serializeManifest(m: Manifest): string {
  const files: Record<string, ManifestEntry> = {};
  for (const p of Object.keys(m.files).sort()) files[p] = m.files[p]!;
  return JSON.stringify({ ...m, files }, null, 2) + '\n';
}
