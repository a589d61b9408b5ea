/**
 * What the preview server and its page exchange: the page (web/) type-checks against these, so this module
 * imports types only, from modules the page can read without Node.
 */
import type { Diagnostic, Finding } from '../model/diagnostic.js';
import type { WorkflowGraph } from '../wire/workflow-graph.js';

/**
 * The form the preview page draws for a blueprint, read from its options schema: objects are groups (an
 * optional one can be switched on and off), lists have add and remove, enums are choices, booleans are
 * checkboxes, everything else is a text field whose text is typed as `--set` types it. The page holds no schema
 * logic of its own: it draws this model and sends the texts back.
 */
export type FormField =
  | (FieldBase & { readonly kind: 'group'; readonly optional: boolean; readonly fields: readonly FormField[] })
  | (FieldBase & { readonly kind: 'list'; readonly item: FormField; readonly minItems?: number; readonly maxItems?: number })
  | (FieldBase & { readonly kind: 'choice'; readonly choices: readonly string[] })
  | (FieldBase & { readonly kind: 'boolean' })
  /** Text typed by the option's type (`number`, `integer`, `string`; `json` for what a form cannot draw). */
  | (FieldBase & { readonly kind: 'text'; readonly type: string; readonly pattern?: string });

export interface FieldBase {
  /** Property name (`''` for a list's item). */
  readonly key: string;
  readonly label: string;
  /** The schema's description: the field's help text. */
  readonly description?: string;
  readonly required: boolean;
}

export interface CatalogueEntry {
  readonly id: string;
  readonly displayName: string;
  readonly description: string;
  readonly version: string;
  readonly source: string;
}

export interface BlueprintForm extends CatalogueEntry {
  readonly fields: readonly FormField[];
  /** Where the form starts: the blueprint's defaults, or a project's recorded options. */
  readonly values: unknown;
}

export interface TargetInfo {
  readonly path: string;
  readonly exists: boolean;
  /** The project in the folder: its blueprint's form, filled with the recorded options. */
  readonly project?: BlueprintForm & { readonly recordedVersion: string };
}

export interface PreviewRequest {
  /** The blueprint as `new` takes it (ignored for a folder that holds a project: its recorded blueprint). */
  readonly source: string;
  /** The target folder, relative to the page's folder. */
  readonly target: string;
  /** The form's values: texts for typed options, booleans, lists and groups. */
  readonly values: unknown;
  readonly force?: boolean;
}

export interface OptionFinding extends Finding {
  /** The option, dotted (`stages.0.account`), for the page to put the message next to its field. */
  readonly path: string;
}

export interface Preview {
  readonly mode: 'new' | 'update';
  readonly target: string;
  readonly findings: readonly OptionFinding[];
  /** Why nothing could be rendered (a blueprint that failed, a project made with another blueprint). */
  readonly error?: string;
  readonly files?: readonly PreviewFile[];
  readonly removals?: readonly { path: string; action: string; reason: string }[];
  readonly warnings?: readonly string[];
  readonly workflows?: readonly PreviewWorkflow[];
  readonly diagnostics?: readonly Diagnostic[];
  /** The command that does the same without the page, or why none can. */
  readonly command?: { readonly line?: string; readonly note?: string };
}

export interface PreviewFile {
  readonly path: string;
  readonly action: string;
  readonly mode: string;
  readonly kind: string;
  readonly content: string;
  /**
   * For a file that exists and would change: the change as `--dry-run` prints it (a unified diff from the file on
   * disk to what would be written; for a conflict of `new`, to what --force would write).
   */
  readonly diff?: string;
  readonly reason?: string;
  readonly details?: readonly string[];
}

export interface PreviewWorkflow {
  readonly file: string;
  readonly graph: WorkflowGraph;
  /** What `catalyst-gen graph <file>` prints. */
  readonly mermaid: string;
}

export interface CreateResult {
  readonly target: string;
  readonly written: readonly string[];
  readonly removed: readonly string[];
  readonly conflicts?: string;
}
