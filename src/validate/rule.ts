import type { FileKind } from '../model/project.js';
import type { Finding, Severity } from '../model/diagnostic.js';

/**
 * What the rule catalogue says about one finding code: the `catalyst-gen rules` listing, `docs/rules.md` and
 * SARIF's rule help are generated from these, and a test validates each rule's examples (the bad one must
 * produce the code, the good one must not).
 */
export interface RuleDoc {
  /**
   * The stable finding code. With `family`, the prefix of a family of codes: the schema layers report
   * `<code>-<JSON schema keyword>` (`WF-SCHEMA-REQUIRED`, `WF-SCHEMA-ENUM`, ...).
   */
  readonly code: string;
  /** The codes are `<code>-<KEYWORD>`. @default false */
  readonly family?: boolean;
  /** What the rule checks: a kind of file, `yaml` for the syntax every file is parsed with, `file` for whether a file can be checked at all. */
  readonly kind: RuleKind;
  /** The severity it reports at; where a lesser form of the fault is reported lower, the description says so. */
  readonly severity: Severity;
  /** One line: what is wrong. */
  readonly title: string;
  /** One paragraph: why it matters and what the service or the specification does with it. */
  readonly description: string;
  /** A small file of the rule's kind that produces the code. */
  readonly bad: string;
  /** The same file with the fault fixed: it does not produce the code. */
  readonly good: string;
  /**
   * For a rule that compares a file with its previous version (an edit, an update): that version; `bad` and
   * `good` are then the file after the change. @default - the rule looks at one file
   */
  readonly previous?: string;
  /** The name the examples are validated under. @default - the kind's usual name (`devfile.yaml`, `buildspec.yml`, ...) */
  readonly examplePath?: string;
  /** The `validate` settings the examples need (e.g. `--build-image`). @default - none */
  readonly exampleOptions?: { readonly buildImage?: string; readonly devfileProfile?: 'codecatalyst' | 'generic' };
}

export type RuleKind = Extract<FileKind, 'devfile' | 'workflow' | 'buildspec' | 'iam-policy' | 'cloudformation'> | 'yaml' | 'file';

/** A finding as a rule reports it: the code and (by default) the severity come from the rule. */
export type Report = Omit<Finding, 'code' | 'severity'> & { readonly severity?: Severity };

/** A rule with its check: `check` looks at the context and reports each fault through `ctx.report`. */
export interface Rule<C> extends RuleDoc {
  check(ctx: C & RuleContext): void;
}

export interface RuleContext {
  report(finding: Report): void;
}

/** A context whose rules share what they derive from the file (`perFile`): a map made anew for each file. */
export interface SharingContext {
  readonly shared: Map<object, unknown>;
}

/**
 * What several rules derive from one file, computed by the first rule that asks and kept for the others: a file
 * runs every rule, so a list each rule rebuilt would cost them all.
 */
export function perFile<C extends SharingContext, T>(compute: (ctx: C) => T): (ctx: C) => T {
  const key = {};
  return (ctx) => {
    if (ctx.shared.has(key)) return ctx.shared.get(key) as T;
    const value = compute(ctx);
    ctx.shared.set(key, value);
    return value;
  };
}

/**
 * Run rules over one context, each reporting under its own code. The context handed to the rules is made once
 * (not once a rule): a file runs every rule, and most rules report nothing.
 */
export function runRules<C>(rules: readonly Rule<C>[], ctx: C, out: Finding[] = []): Finding[] {
  let rule: Rule<C> | undefined;
  const report = (f: Report) => void out.push({ ...f, code: rule!.code, severity: f.severity ?? rule!.severity });
  const withReport: C & RuleContext = { ...ctx, report };
  for (rule of rules) rule.check(withReport);
  return out;
}
