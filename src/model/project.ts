/**
 * What a blueprint's `render` returns: a list of typed file parts. Structured files are values (never
 * text templates); prose and source code come from Handlebars templates. Capabilities (devfiles,
 * workflows, buildspecs, CDK apps) render their own typed models to wire values and hand them over as
 * `yaml`/`json` parts tagged with a `fileKind`, so the core needs to know nothing about them.
 */

/**
 * Who owns a file once it is written.
 * - `managed`: the tool rewrites it, but only while the file on disk still has the hash it last wrote.
 * - `seed`: written once; from then on it belongs to the user and is never touched.
 * - `merged`: user-owned YAML the tool changes through comment-preserving edits.
 */
export type OwnershipMode = 'managed' | 'seed' | 'merged';

/**
 * What a structured file is, which selects its validator. `yaml`/`json` files are only checked for syntax.
 */
export type FileKind =
  | 'devfile'
  | 'workflow'
  | 'buildspec'
  | 'cloudformation'
  | 'iam-policy'
  | 'json'
  | 'yaml'
  | 'text';

interface PartBase {
  /** Relative path inside the target folder, with `/` separators. */
  readonly path: string;
  /** @default 'managed' */
  readonly mode?: OwnershipMode;
  /** Set the executable bits (scripts). @default false */
  readonly executable?: boolean;
}

export interface TextPart extends PartBase {
  readonly type: 'text';
  readonly content: string;
  /** @default 'text' */
  readonly fileKind?: FileKind;
}

export interface TemplatePart extends PartBase {
  readonly type: 'template';
  /** Path of a Handlebars template under `templates/`, e.g. `starter/README.md.hbs`. */
  readonly template: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface YamlPart extends PartBase {
  readonly type: 'yaml';
  /** The wire value, in the target format's own spelling and key order. */
  readonly value: unknown;
  /** Keys whose values stay plain scalars (documented `yes`/`no` flags). @default [] */
  readonly plainValuesOf?: readonly string[];
  /** @default 'yaml' */
  readonly fileKind?: FileKind;
}

export interface JsonPart extends PartBase {
  readonly type: 'json';
  readonly value: unknown;
  /** @default 'json' */
  readonly fileKind?: FileKind;
}

export type ProjectPart = TextPart | TemplatePart | YamlPart | JsonPart;

export interface ProjectDef {
  readonly files: readonly ProjectPart[];
}
