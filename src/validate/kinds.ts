/**
 * Every kind of file the project validates, made known to the registry with only its cheap checks (path and
 * shape); each kind's validator module is imported when a file of that kind is validated (`loadValidators`),
 * so `validate` on workflows never loads the devfile or buildspec validators. `validators.ts` loads them all.
 * The order is the order in which paths and shapes are tried.
 */
import { registerKind, topLevelKeys } from './registry.js';
import { isRecord } from '../model/values.js';

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
const generic = () => import('./generic.js');
const buildspec = () => import('./buildspec/index.js');

// Plain YAML and JSON files: parsing them is the whole check. Policy and template files are found only as
// rendered parts (by kind), never by scanning: their names say nothing about their content.
registerKind({ kind: 'yaml', matches: never, load: generic });
registerKind({ kind: 'json', matches: never, load: generic });
registerKind({ kind: 'buildspec', matches: isBuildspecPath, looksLike: looksLikeBuildspec, load: buildspec });
registerKind({ kind: 'iam-policy', matches: never, load: buildspec });
registerKind({ kind: 'cloudformation', matches: never, load: buildspec });
registerKind({
  kind: 'devfile',
  matches: (path) => (DEVFILE_NAMES as readonly string[]).includes(path.slice(path.lastIndexOf('/') + 1)),
  looksLike: looksLikeDevfile,
  load: () => import('./devfile/register.js'),
});
registerKind({ kind: 'workflow', matches: isWorkflowPath, looksLike: looksLikeWorkflow, load: () => import('./workflow/index.js') });
