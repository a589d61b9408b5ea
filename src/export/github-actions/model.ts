/**
 * The GitHub Actions workflow an export produces, in GitHub's own spelling (`runs-on`, `timeout-minutes`...).
 * Only what the translation writes; key order in these objects is the order written to the file.
 */
export interface GhStep {
  readonly name?: string;
  readonly id?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly with?: Readonly<Record<string, string | number | boolean>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly shell?: string;
  readonly 'working-directory'?: string;
  readonly run?: string;
  readonly 'continue-on-error'?: boolean;
  readonly 'timeout-minutes'?: number;
}

export interface GhJob {
  readonly name?: string;
  readonly needs?: readonly string[];
  readonly if?: string;
  readonly 'runs-on': string | readonly string[];
  readonly environment?: string;
  readonly container?: { readonly image: string };
  readonly permissions?: Readonly<Record<string, 'read' | 'write'>>;
  readonly 'timeout-minutes'?: number;
  readonly outputs?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly steps: readonly GhStep[];
}

export interface GhWorkflow {
  readonly name: string;
  readonly on: Readonly<Record<string, unknown>>;
  readonly concurrency?: { readonly group: string; readonly 'cancel-in-progress': boolean };
  readonly permissions: Readonly<Record<string, 'read' | 'write'>>;
  readonly jobs: Readonly<Record<string, GhJob>>;
}

/**
 * Something the export could not carry over faithfully. `untranslated` items make the command exit 1 (unless
 * --allow-partial): the exported workflow would behave differently without a change by hand. `setup` items are
 * things to configure on GitHub (a role ARN variable, an environment's reviewers); `note` items are differences
 * worth knowing that need no action to keep the workflow's meaning.
 */
export interface ExportFinding {
  readonly kind: 'untranslated' | 'setup' | 'note';
  /** JSON pointer into the CodeCatalyst workflow. */
  readonly pointer: string;
  /** What was found and why it does not carry over as it is. */
  readonly message: string;
  /** What to do. */
  readonly action: string;
}

/** What the user supplies: role ARNs by connection (or `*` for all). */
export interface ExportOptions {
  /** Role ARN for every connection (`*`) or by connection name or account id. @default - a repository variable per connection */
  readonly roleArns?: Readonly<Record<string, string>>;
}
