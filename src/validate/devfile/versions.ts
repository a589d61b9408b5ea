import { toPointer, type Finding } from '../../model/diagnostic.js';
import { matchPattern } from '../path-pattern.js';
import { describeWhere } from '../schema-findings.js';

/**
 * What changed between the devfile schemas of the versions that `schemas/devfile-2.2.schema.json` covers
 * (2.1.0 to 2.3.x). That schema is the loosest of the line; these gates narrow it to the file's own
 * `schemaVersion`, as the devfile library does when it validates a file against the schema of its version.
 * Source: `schemas/latest/devfile.json` at the devfile/api tags v2.1.0, v2.2.0, v2.2.1, v2.2.2 and v2.3.0
 * (the same files @eclipse-che/che-devworkspace-generator ships; test/devfile/versions.test.ts checks every
 * gate against them). 2.2.0 to 2.2.1 and 2.2.2 to 2.3.0 changed nothing that validates differently.
 */
export type DevfileVersion = readonly [number, number, number];

interface KeyGate {
  readonly kind: 'key';
  /** The version that introduced the key. */
  readonly since: string;
  /** Where the key sits (`*` any item, `a|b` alternatives); the last segment is the key. */
  readonly path: readonly string[];
  readonly what: string;
}

interface EnumGate {
  readonly kind: 'value';
  readonly since: string;
  readonly path: readonly string[];
  readonly value: string;
  readonly what: string;
}

interface LimitGate {
  readonly kind: 'maxLength';
  readonly since: string;
  readonly path: readonly string[];
  /** The limit from `since` on, and the limit before it (the one the line's schema holds). */
  readonly limit: number;
  readonly before: number;
  readonly what: string;
}

export type VersionGate = KeyGate | EnumGate | LimitGate;

const ENDPOINTS = ['components', '*', 'container|kubernetes|openshift', 'endpoints', '*'];

/** A gate on the devfile's own components, commands or projects holds for the parent's overrides of them too. */
const andParent = (gate: VersionGate): VersionGate[] => [gate, { ...gate, path: ['parent', ...gate.path] }];

export const VERSION_GATES: readonly VersionGate[] = [
  ...andParent({ kind: 'key', since: '2.2.0', path: ['components', '*', 'image'], what: 'image components' }),
  ...andParent({ kind: 'key', since: '2.2.0', path: ['components', '*', 'container', 'annotation'], what: 'container annotations' }),
  ...andParent({ kind: 'key', since: '2.2.0', path: [...ENDPOINTS, 'annotation'], what: 'endpoint annotations' }),
  ...andParent({ kind: 'key', since: '2.2.0', path: ['components', '*', 'kubernetes|openshift', 'deployByDefault'], what: 'deployByDefault' }),
  { kind: 'key', since: '2.2.0', path: ['parent', 'version'], what: 'a parent version' },
  ...andParent({ kind: 'value', since: '2.2.0', path: ['commands', '*', 'exec|apply|composite', 'group', 'kind'], value: 'deploy', what: 'the deploy command group' }),
  ...andParent({ kind: 'key', since: '2.2.2', path: ['dependentProjects'], what: 'dependentProjects' }),
  // The parent's overrides are checked for shape only, so there only the new, tighter limit is checked.
  ...andParent({ kind: 'maxLength', since: '2.2.0', path: [...ENDPOINTS, 'name'], limit: 15, before: 63, what: 'endpoint names' }),
];

/** `2.2.1-alpha` -> [2, 2, 1]; the devfile library strips the suffix too. */
export function parseDevfileVersion(v: unknown): DevfileVersion | undefined {
  const m = typeof v === 'string' ? /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(v) : null;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function versionAtLeast(v: DevfileVersion, min: string): boolean {
  const m = parseDevfileVersion(min)!;
  for (let i = 0; i < 3; i++) if (v[i] !== m[i]) return v[i]! > m[i]!;
  return true;
}

/**
 * The schema faults of a 2.1.0-2.3.x devfile that depend on its exact version: a key or value its version
 * does not have yet, a limit its version already has. Codes are the schema keyword's, as the official schema
 * of that version would report them.
 */
export function versionGateFindings(devfile: unknown, version: DevfileVersion, schemaVersion: string): Finding[] {
  const out: Finding[] = [];
  for (const gate of VERSION_GATES) {
    const arrived = versionAtLeast(version, gate.since);
    for (const { path, parent, key } of matchPattern(devfile, gate.path)) {
      const pointer = toPointer(path);
      const value = parent[key];
      if (gate.kind === 'key' && !arrived) {
        out.push({
          code: 'DEVFILE-SCHEMA-ADDITIONALPROPERTIES',
          severity: 'error',
          pointer,
          atKey: true,
          message: `"${String(key)}" (${gate.what}) arrived in devfile ${gate.since}; this devfile says schemaVersion ${schemaVersion}, whose schema does not allow it.`,
          fix: `Raise schemaVersion to ${gate.since} or later, or remove "${String(key)}".`,
        });
      } else if (gate.kind === 'value' && !arrived && value === gate.value) {
        out.push({
          code: 'DEVFILE-SCHEMA-ENUM',
          severity: 'error',
          pointer,
          message: `"${gate.value}" (${gate.what}) arrived in devfile ${gate.since}; schemaVersion ${schemaVersion} does not allow it here.`,
          fix: `Raise schemaVersion to ${gate.since} or later, or use another value.`,
        });
      } else if (gate.kind === 'maxLength' && typeof value === 'string') {
        // The line's schema holds the older, looser limit (not on the parent's overrides, which it checks for
        // shape only); only the tighter one is checked here, once.
        if (!arrived || value.length <= gate.limit || (value.length > gate.before && path[0] !== 'parent')) continue;
        out.push({
          code: 'DEVFILE-SCHEMA-MAXLENGTH',
          severity: 'error',
          pointer,
          message: `${describeWhere(pointer)} is "${value}" (${value.length} characters); ${gate.what} have at most ${gate.limit} characters since devfile ${gate.since} (${gate.before} before), and this devfile says ${schemaVersion}.`,
          fix: `Shorten it to ${gate.limit} characters or fewer.`,
        });
      }
    }
  }
  return out;
}
