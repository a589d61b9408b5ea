import type { ProjectDef } from './project.js';

/** A JSON schema (draft-07 subset that ajv understands) describing a blueprint's options. */
export type OptionsSchema = Readonly<Record<string, unknown>>;

export interface BlueprintDefinition<O> {
  /** Lowercase id used on the command line, e.g. `three-tier-web`. */
  readonly id: string;
  readonly displayName: string;
  /** One or two sentences for `list` and `show`. */
  readonly description: string;
  /** Version of the blueprint's output; recorded in the manifest so `update` knows what changed. */
  readonly version: string;
  /** JSON schema for the options. Every property should carry a `description`. */
  readonly options: OptionsSchema;
  /** Values used when neither the options file, `--set` nor a prompt gives one. */
  readonly defaults: Readonly<Partial<O>>;
  /** Pure: same options, same parts. No I/O, no clock, no randomness. */
  readonly render: (options: O) => ProjectDef;
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

/**
 * Declare a blueprint. A plain object literal in, the same object frozen out; the function exists for type
 * inference of `O` and to catch a malformed id when the catalogue loads rather than when a user runs it.
 */
export function defineBlueprint<O>(def: BlueprintDefinition<O>): Blueprint<O> {
  if (!ID.test(def.id)) throw new Error(`Blueprint id "${def.id}" must be lowercase words joined by "-".`);
  return Object.freeze({ ...def, kind: 'catalyst-gen.blueprint' as const });
}
