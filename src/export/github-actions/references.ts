import type { ExportFinding } from './model.js';

/**
 * CodeCatalyst `${...}` references in a string, as GitHub expressions:
 * - `${Secrets.NAME}` is `${{ secrets.NAME }}` (create the secret on GitHub);
 * - `${WorkflowSource.CommitId}` / `${WorkflowSource.BranchName}` are the commit and branch of the run;
 * - `${Action.VAR}` and `${Group.Action.VAR}` are the output VAR of the job Action became.
 * The runner's pattern for references is `${name.name}` or `${name.name.name}` of letters, digits, `-`, `_`, `@`.
 */
export const REFERENCE = /\$\{([A-Za-z0-9_@-]+)\.([A-Za-z0-9_@-]+)(?:\.([A-Za-z0-9_@-]+))?\}/g;

export interface ReferenceContext {
  /** Action name to job id. */
  readonly jobIdOf: ReadonlyMap<string, string>;
  /** Group names (a reference may start with one). */
  readonly groups: ReadonlySet<string>;
  /** Where the string is, for findings. */
  readonly pointer: string;
  readonly findings: ExportFinding[];
  /** Called for each `${Action.VAR}` found: the consumer will need the producer's job output. */
  readonly onOutput: (action: string, variable: string) => void;
  readonly onSecret: (name: string) => void;
}

export function translateReferences(text: string, ctx: ReferenceContext): string {
  return text.replace(REFERENCE, (whole, a: string, b: string, c: string | undefined) => {
    if (c === undefined && a === 'Secrets') {
      ctx.onSecret(b);
      return `\${{ secrets.${b} }}`;
    }
    if (c === undefined && a === 'WorkflowSource') {
      if (b === 'CommitId') return '${{ github.sha }}';
      if (b === 'BranchName') return '${{ github.head_ref || github.ref_name }}';
    }
    const [action, variable] = c !== undefined && ctx.groups.has(a) ? [b, c] : c === undefined ? [a, b] : [undefined, undefined];
    const job = action !== undefined ? ctx.jobIdOf.get(action) : undefined;
    if (action !== undefined && variable !== undefined && job !== undefined) {
      ctx.onOutput(action, variable);
      return `\${{ needs.${job}.outputs.${variable} }}`;
    }
    ctx.findings.push({
      kind: 'untranslated',
      pointer: ctx.pointer,
      message: `The reference ${whole} names no action, secret or source variable GitHub has; it was left as it is.`,
      action: 'Replace it with a GitHub expression (${{ ... }}) or a value.',
    });
    return whole;
  });
}

/** Map every string in a JSON-like value through `f`. */
export function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f)) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)])) as T;
  return value;
}
