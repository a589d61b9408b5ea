import type { OptionsSchemaFor } from './options-schema.js';
import type { ProjectDef } from './project.js';
import { isRecord } from './values.js';

/** A JSON schema (draft-07 subset that ajv understands) describing a blueprint's options. */
export type OptionsSchema = Readonly<Record<string, unknown>>;

/** What a catalogue shows of a blueprint: enough to list and choose it. */
export interface BlueprintMeta {
  /** Lowercase id used on the command line, e.g. `three-tier-web`. */
  readonly id: string;
  readonly displayName: string;
  /** One or two sentences for `list` and `show`. */
  readonly description: string;
  /**
   * Version of the blueprint's output (semver); recorded in the manifest so `update` says what changed
   * (`1.0.0 -> 1.1.0`) and finds a package blueprint at that version again.
   */
  readonly version: string;
}

export interface BlueprintDefinition<O> extends BlueprintMeta {
  /**
   * JSON schema for the options, typed from `O` (see `OptionsSchemaFor`): a schema that does not describe the
   * options interface is a compile error. Every property should carry a `description`: `show` and the wizard
   * print it as help.
   */
  readonly options: OptionsSchemaFor<O>;
  /** Values used when neither the options file, `--set` nor a prompt gives one. */
  readonly defaults: Readonly<Partial<O>>;
  /** Pure: same options, same parts. No I/O, no clock, no randomness. */
  readonly render: (options: O) => ProjectDef;
  /**
   * Handlebars templates the blueprint carries, by name: a `template` part naming one of these uses it, before
   * catalyst-gen's own `templates/`. A blueprint of your own reads them when its module loads, e.g.
   * `{ 'README.md.hbs': readFileSync(new URL('../templates/README.md.hbs', import.meta.url), 'utf8') }`.
   * @default - only catalyst-gen's templates
   */
  readonly templates?: Readonly<Record<string, string>>;
  /**
   * How `update` treats paths by default, as glob rules; the last matching rule wins. A project's own
   * `.catalyst-gen/ownership` file is read after these, so the user has the last word.
   * @default - `merge` for managed and merged files, `keep-mine` for seed files
   */
  readonly ownership?: readonly OwnershipRule[];
  /**
   * Options whose values name deployed resources (stack names, bucket names...). Changing one does not rename
   * anything in AWS: the next deployment creates new resources under the new name and leaves the old ones
   * deployed. `update` warns about each changed one (option, old and new value, `consequence`) before it writes.
   * @default - no option names deployed resources
   */
  readonly statefulOptions?: readonly StatefulOption[];
  /**
   * What a team must do by hand when `update` brings their project to a version, keyed by that version (semver,
   * at most `version`): typically a seed file (theirs, so never rewritten) that the new managed files expect to
   * have changed. `update` from an older recorded version prints each later note, oldest first, before it writes.
   * @default - no notes
   */
  readonly upgradeNotes?: Readonly<Record<string, string>>;
}

/** An option that names deployed resources; see `BlueprintDefinition.statefulOptions`. */
export interface StatefulOption {
  /** Dotted option path; `*` matches any key or list index, e.g. `appName`, `stages.*.name`. */
  readonly path: string;
  /** What the change means for what is deployed and what to do about it, as one or two sentences. */
  readonly consequence: string;
}

/**
 * What `update` does with a path:
 * - `merge`: three-way merge of the last generated version, the file on disk and the new render;
 * - `keep-mine`: the file is the user's: never rewritten or removed, only created when it never existed;
 * - `take-blueprint`: the new render replaces the file, the user's changes are discarded;
 * - `never-touch`: never created, written or removed.
 */
export type UpdateStrategy = 'merge' | 'keep-mine' | 'take-blueprint' | 'never-touch';

export interface OwnershipRule {
  /** Glob over relative paths (picomatch syntax, dotfiles included), e.g. `.codecatalyst/workflows/*.yaml`. */
  readonly pattern: string;
  readonly strategy: UpdateStrategy;
}

export interface Blueprint<O = unknown> extends BlueprintDefinition<O> {
  readonly kind: 'catalyst-gen.blueprint';
}

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Versions are semver 2.0 (`1.2.0`, `2.0.0-rc.1`): `update` compares them and the manifest records them. */
const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Declare a blueprint. A plain object literal in, the same object frozen out; the function exists for type
 * inference of `O` and to catch a malformed id when the catalogue loads rather than when a user runs it.
 */
export function defineBlueprint<O>(def: BlueprintDefinition<O>): Blueprint<O> {
  const problems = definitionProblems(def);
  if (problems.length > 0) throw new Error(`Blueprint ${JSON.stringify(def?.id)} is not valid: ${problems.join('; ')}.`);
  return Object.freeze({ ...def, kind: 'catalyst-gen.blueprint' as const });
}

/** Whether a value is a blueprint made by `defineBlueprint` (any copy of catalyst-gen: checked by shape, not class). */
export function isBlueprint(value: unknown): value is Blueprint<unknown> {
  return isRecord(value) && value['kind'] === 'catalyst-gen.blueprint';
}

/**
 * What is wrong with a blueprint definition, checked at run time: code loaded from a path or a package may
 * come from plain JavaScript, or from another version of this library, so its types prove nothing.
 */
export function definitionProblems(def: unknown): string[] {
  if (!isRecord(def)) return ['it is not an object'];
  const out: string[] = [];
  const str = (k: string) => typeof def[k] === 'string' && (def[k] as string).trim() !== '';
  if (typeof def['id'] !== 'string' || !ID.test(def['id'])) out.push(`id ${JSON.stringify(def['id'])} must be lowercase words joined by "-"`);
  if (!str('displayName')) out.push('displayName must be a non-empty string');
  if (!str('description')) out.push('description must be a non-empty string');
  if (typeof def['version'] !== 'string' || !VERSION.test(def['version'])) out.push(`version ${JSON.stringify(def['version'])} must be a semantic version such as 1.0.0`);
  if (!isRecord(def['options'])) out.push('options must be a JSON schema object');
  if (!isRecord(def['defaults'])) out.push('defaults must be an object');
  if (typeof def['render'] !== 'function') out.push('render must be a function');
  const notes = def['upgradeNotes'];
  if (notes !== undefined) {
    if (!isRecord(notes) || Object.values(notes).some((n) => typeof n !== 'string')) out.push('upgradeNotes must map versions to text');
    else for (const v of Object.keys(notes)) if (!VERSION.test(v)) out.push(`upgradeNotes key ${JSON.stringify(v)} must be a semantic version such as 2.0.0`);
  }
  const templates = def['templates'];
  if (templates !== undefined && (!isRecord(templates) || Object.values(templates).some((t) => typeof t !== 'string'))) {
    out.push('templates must map template names to Handlebars text');
  }
  return out;
}
