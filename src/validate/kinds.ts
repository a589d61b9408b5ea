/**
 * The explicit table of the kinds of file the project validates: how a path or a parsed value says a file is of
 * the kind (cheap checks, no validator loaded), and how to load the kind's validator. `registry.ts` loads a
 * validator when a file of its kind is validated (`loadValidators`), so `validate` on workflows never loads the
 * devfile or buildspec validators; `validators.ts` imports them all for the synchronous entry points. The order is
 * the order in which paths and shapes are tried.
 */
import type { FileKind } from '../model/project.js';
import { isRecord } from '../model/values.js';
import type { ValidateFile } from './registry.js';

/** A kind of file: how to recognize it, and its validator. */
export interface FileKindEntry {
  readonly kind: FileKind;
  /**
   * Whether a path is this kind of file, judged by its name and folders. Callers pass the normalized absolute
   * path with `/` separators, so a folder such as `.codecatalyst/workflows/` counts wherever it is.
   */
  matches(path: string): boolean;
  /**
   * Whether a parsed value has this kind's shape (its distinctive top-level keys), for a file named explicitly
   * whose path says nothing. Omitted by kinds whose shape is not distinctive. @default - never
   */
  looksLike?(value: unknown): boolean;
  /** Import the kind's validator. */
  load(): Promise<ValidateFile>;
}

/** The top-level keys of a mapping, or an empty set for anything else. For `looksLike`. */
function topLevelKeys(value: unknown): ReadonlySet<string> {
  return new Set(isRecord(value) ? Object.keys(value) : []);
}

/** Workflow files: `.codecatalyst/workflows/*.yaml` or `*.yml` (the service reads lowercase extensions only). */
export function isWorkflowPath(path: string): boolean {
  return /(^|\/)\.codecatalyst\/workflows\/[^/]+\.ya?ml$/.test(path);
}

/**
 * A workflow's shape: `Actions`, or `SchemaVersion` with `Name` or `Triggers`, or a fragment whose top-level
 * values are actions (mappings with an `Identifier`), which the validator then reports as misplaced.
 */
export function looksLikeWorkflow(value: unknown): boolean {
  const k = topLevelKeys(value);
  if (k.has('Actions') || (k.has('SchemaVersion') && (k.has('Name') || k.has('Triggers')))) return true;
  return k.size > 0 && Object.values(value as Record<string, unknown>).every((v) => isRecord(v) && 'Identifier' in v);
}

/** `buildspec.yml` / `buildspec.yaml` anywhere, and any YAML file in a `buildspecs/` folder. */
export function isBuildspecPath(path: string): boolean {
  return /(^|\/)buildspec\.ya?ml$/i.test(path) || /(^|\/)buildspecs\/[^/]+\.ya?ml$/i.test(path);
}

/** A buildspec's shape: `version` with `phases`, `env` or `artifacts`. */
export function looksLikeBuildspec(value: unknown): boolean {
  const k = topLevelKeys(value);
  return k.has('version') && (k.has('phases') || k.has('env') || k.has('artifacts'));
}

/** The names the devfile library looks for in a folder, in its order of preference. */
export const DEVFILE_NAMES = ['devfile.yaml', '.devfile.yaml', 'devfile.yml', '.devfile.yml'] as const;

/** A devfile's shape: `schemaVersion` (lowercase: a workflow spells it `SchemaVersion`), usually with components, metadata or commands. */
export function looksLikeDevfile(value: unknown): boolean {
  return topLevelKeys(value).has('schemaVersion');
}

const never = () => false;
/** Plain YAML and JSON files: parsing them (done before any validator runs) is the whole check. */
export const parseOnly: ValidateFile = () => [];

export const FILE_KINDS: readonly FileKindEntry[] = [
  // Policy and template files are found only as rendered parts (by kind), never by scanning: their names say
  // nothing about their content.
  { kind: 'yaml', matches: never, load: async () => parseOnly },
  { kind: 'json', matches: never, load: async () => parseOnly },
  { kind: 'buildspec', matches: isBuildspecPath, looksLike: looksLikeBuildspec, load: async () => (await import('./buildspec/index.js')).validateBuildspecFile },
  { kind: 'iam-policy', matches: never, load: async () => (await import('./buildspec/index.js')).validateIamPolicyFile },
  { kind: 'cloudformation', matches: never, load: async () => (await import('./buildspec/index.js')).validateCloudFormationFile },
  {
    kind: 'devfile',
    matches: (path) => (DEVFILE_NAMES as readonly string[]).includes(path.slice(path.lastIndexOf('/') + 1)),
    looksLike: looksLikeDevfile,
    load: async () => (await import('./devfile/index.js')).validateDevfileFile,
  },
  { kind: 'workflow', matches: isWorkflowPath, looksLike: looksLikeWorkflow, load: async () => (await import('./workflow/index.js')).validateWorkflow },
];
