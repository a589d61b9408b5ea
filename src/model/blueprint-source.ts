/**
 * Where a blueprint comes from. On the command line and in a catalogue file a source is one string; what it
 * names is decided here, from its spelling alone (no disk, no network), so that the same text always means the
 * same thing:
 *
 * - `./service.ts`, `../x`, `/abs/path`, `blueprints/service.mjs`: a file or folder (`path`). Anything with a
 *   path separator that is not a scoped package name, or ending in .ts/.mts/.js/.mjs, is a path.
 * - `@acme/service-blueprint`, `@acme/service-blueprint@1.2.0`, `npm:service-blueprint@^2`: an npm package
 *   (a folder whose name starts with @ is written `./@folder`).
 * - `three-tier-web`: an id in a catalogue (built-in or configured). An unscoped npm package is only reached
 *   this way when it is installed where node_modules resolution finds it; `npm:name` installs it on demand.
 */
export type BlueprintSourceSpec =
  | { readonly kind: 'catalogue'; readonly id: string }
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'package'; readonly name: string; readonly range?: string };

/** A source that names code (a path or a package), not an id in a catalogue. */
export type CodeSourceSpec = Exclude<BlueprintSourceSpec, { readonly kind: 'catalogue' }>;

/** What the manifest records so that `update` finds the same blueprint again. */
export type RecordedSource =
  | { readonly type: 'builtin' }
  /** Relative to the project folder, `/` separators; it may lead out of it (`../blueprints/service.ts`). */
  | { readonly type: 'path'; readonly path: string }
  /** The package and the version that rendered the project. */
  | { readonly type: 'package'; readonly name: string; readonly version: string };

/** npm's rules for new package names: lowercase, URL-safe, an optional scope, at most 214 characters. */
export const NPM_PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
/**
 * A version, dist-tag or range after `name@`. Deliberately narrow: no `/`, `:` or `#`, so a source can never be a
 * git URL, a tarball URL or a `file:` specifier that npm would fetch or run from somewhere unexpected.
 */
export const NPM_RANGE = /^[A-Za-z0-9.^~<>=*|+ -]{1,100}$/;
/** An exact version (semver 2.0 without build metadata): what a manifest records and what is installed once. */
export const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

const BLUEPRINT_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const CODE_EXTENSION = /\.(ts|mts|js|mjs)$/;

export type SourceParse = { readonly ok: true; readonly spec: BlueprintSourceSpec } | { readonly ok: false; readonly reason: string };

/** Read a source as the user wrote it. */
export function parseSourceSpec(text: string): SourceParse {
  const s = text.trim();
  if (s === '') return { ok: false, reason: 'the blueprint source is empty' };
  if (/[\u0000-\u001f]/.test(s)) return { ok: false, reason: 'the blueprint source contains a control character' };
  if (s.startsWith('npm:')) return parsePackage(s.slice(4), text);
  // A scoped package; a folder whose name starts with @ is written ./@folder.
  if (s.startsWith('@')) return parsePackage(s, text);
  if (s.startsWith('.') || s.startsWith('/') || s.includes('/') || s.includes('\\') || CODE_EXTENSION.test(s) || /^[A-Za-z]:/.test(s)) {
    return { ok: true, spec: { kind: 'path', path: s } };
  }
  if (BLUEPRINT_ID.test(s)) return { ok: true, spec: { kind: 'catalogue', id: s } };
  return {
    ok: false,
    reason: `"${text}" is neither a blueprint id (lowercase words joined by "-"), a path (./file.ts, ./folder) nor an npm package (@scope/name, npm:name)`,
  };
}

function parsePackage(s: string, original: string): SourceParse {
  // The version separator is the last "@" that is not the scope's.
  const at = s.indexOf('@', 1);
  const name = at < 0 ? s : s.slice(0, at);
  const range = at < 0 ? undefined : s.slice(at + 1);
  if (name.length > 214 || !NPM_PACKAGE_NAME.test(name)) {
    return { ok: false, reason: `"${original}" is not a valid npm package name (lowercase letters, digits, "-", "." and "_", with an optional @scope/)` };
  }
  if (range !== undefined && !NPM_RANGE.test(range)) {
    return { ok: false, reason: `"${range}" in "${original}" is not a version, range or dist-tag (git URLs, tarballs and file: specifiers are not blueprint sources)` };
  }
  return { ok: true, spec: { kind: 'package', name, ...(range !== undefined ? { range } : {}) } };
}

/** The source as the user would write it again (for messages and the equivalent command line). */
export function formatSourceSpec(spec: BlueprintSourceSpec): string {
  switch (spec.kind) {
    case 'catalogue':
      return spec.id;
    case 'path':
      return spec.path;
    case 'package':
      return `${spec.name.startsWith('@') ? '' : 'npm:'}${spec.name}${spec.range !== undefined ? `@${spec.range}` : ''}`;
  }
}

/** A recorded source read from an untrusted manifest, or the reason it is refused. */
export function parseRecordedSource(raw: unknown): { ok: true; source: RecordedSource } | { ok: false; reason: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'blueprint.source must be an object' };
  const r = raw as Record<string, unknown>;
  switch (r['type']) {
    case 'builtin':
      return { ok: true, source: { type: 'builtin' } };
    case 'path': {
      const p = r['path'];
      if (typeof p !== 'string' || p === '' || /[\u0000-\u001f\\]/.test(p) || p.startsWith('/') || /^[A-Za-z]:/.test(p)) {
        return { ok: false, reason: 'blueprint.source.path must be a relative path with "/" separators' };
      }
      return { ok: true, source: { type: 'path', path: p } };
    }
    case 'package': {
      const name = r['name'];
      const version = r['version'];
      if (typeof name !== 'string' || !NPM_PACKAGE_NAME.test(name)) return { ok: false, reason: 'blueprint.source.name must be an npm package name' };
      if (typeof version !== 'string' || !EXACT_VERSION.test(version)) return { ok: false, reason: 'blueprint.source.version must be an exact version' };
      return { ok: true, source: { type: 'package', name, version } };
    }
    default:
      return { ok: false, reason: `blueprint.source.type ${JSON.stringify(r['type'])} is not builtin, path or package` };
  }
}

/** How a recorded source reads in messages: `built-in`, `../blueprints/service.ts`, `@acme/service 1.2.0`. */
export function describeRecordedSource(s: RecordedSource): string {
  return s.type === 'builtin' ? 'built-in' : s.type === 'path' ? s.path : `${s.name} ${s.version}`;
}
