import { createTemplateEngine, type TemplateSources } from '../render/templates.js';
import type { SecurityDiffReport, StackSecurityChanges } from './diff.js';

/** What the deployment is and where the approver acts; all optional (the pipeline gives what it has). */
export interface ApprovalContext {
  readonly pipeline?: string;
  /** Overrides the stage found in the cloud assembly (e.g. when comparing two template files). */
  readonly stage?: string;
  readonly executionId?: string;
  readonly commit?: { readonly id?: string; readonly message?: string; readonly author?: string };
  /** Where to approve or reject. */
  readonly approveUrl?: string;
  /** The pipeline execution. */
  readonly executionUrl?: string;
  /** Where the full changes can be reviewed (a pull request, a diff page). */
  readonly reviewUrl?: string;
  /** The log of the check that found the changes. */
  readonly logUrl?: string;
}

export const SECURITY_DIFF_TEMPLATES = {
  markdown: 'cdk-app/security-diff/markdown.md.hbs',
  email: 'cdk-app/security-diff/email.txt.hbs',
} as const;

/** SNS: a subject of at most 100 ASCII characters without line breaks, a message of at most 256 KB. */
export const SNS_SUBJECT_MAX = 99;
export const MESSAGE_BUDGET_BYTES = 250_000;

/** The report as JSON: the report itself plus the context, stable key order. */
export function formatSecurityDiffJson(report: SecurityDiffReport, ctx: ApprovalContext = {}): string {
  return JSON.stringify({ broadened: report.broadened, broadening: report.broadening, narrowing: report.narrowing, ...ctx, stacks: report.stacks.map((s) => withStage(s, ctx)) }, null, 2);
}

/** The e-mail subject: what and where, short enough for SNS. */
export function approvalSubject(report: SecurityDiffReport, ctx: ApprovalContext = {}): string {
  const where = whereOf(report, ctx);
  const text = report.broadened
    ? `Approve? ${report.broadening} permission change(s) broaden${where ? ` in ${where}` : ''}`
    : `No permission broadens${where ? ` in ${where}` : ''}`;
  const ascii = text.replace(/[^\x20-\x7e]/g, '?');
  return ascii.length <= SNS_SUBJECT_MAX ? ascii : `${ascii.slice(0, SNS_SUBJECT_MAX - 3)}...`;
}

/**
 * The approver's message (the e-mail text, or markdown for a pull request) through its Handlebars template:
 * one sentence per broadening change first, then what is deployed where, the links, and every change by stack.
 * When it would not fit `maxBytes` (SNS takes 256 KB), the list of every change is left out, then the summary is
 * cut, each time with a line that says what was left out and where to see it.
 */
export function formatSecurityDiffTemplate(kind: 'markdown' | 'email', report: SecurityDiffReport, ctx: ApprovalContext, templates: TemplateSources, maxBytes = MESSAGE_BUDGET_BYTES): string {
  const engine = createTemplateEngine(templates);
  const summary = report.stacks.flatMap((s) => s.changes.filter((c) => c.broadens).map((c) => c.summary));
  const seeAlso = ctx.logUrl ? `the check's log (${ctx.logUrl})` : ctx.reviewUrl ? ctx.reviewUrl : 'the output of "catalyst-gen security-diff"';
  const render = (details: boolean, shown: readonly string[], truncated: string) =>
    engine.render(SECURITY_DIFF_TEMPLATES[kind], {
      broadened: report.broadened,
      broadening: report.broadening,
      narrowing: report.narrowing,
      where: whereOf(report, ctx),
      summary: shown,
      pipeline: ctx.pipeline ?? '',
      executionId: ctx.executionId ?? '',
      commit: { id: ctx.commit?.id ?? '', message: firstLine(ctx.commit?.message ?? ''), author: ctx.commit?.author ?? '' },
      stacks: report.stacks.map((s) => ({ ...withStage(s, ctx), account: s.account ?? '', region: s.region ?? '' })),
      hasLinks: Boolean(ctx.approveUrl || ctx.executionUrl || ctx.reviewUrl || ctx.logUrl),
      links: { approve: ctx.approveUrl ?? '', execution: ctx.executionUrl ?? '', review: ctx.reviewUrl ?? '', log: ctx.logUrl ?? '' },
      details,
      truncated,
    });
  const size = (t: string) => Buffer.byteLength(t, 'utf8');
  let text = render(true, summary, '');
  if (size(text) <= maxBytes) return text;
  const total = report.stacks.reduce((n, s) => n + s.changes.length, 0);
  text = render(false, summary, `The list of all ${total} changes, by stack, was left out to fit the message: see ${seeAlso}.`);
  if (size(text) <= maxBytes) return text;
  // Even the summary is too long: keep as many sentences as fit.
  let keep = summary.length;
  while (keep > 1) {
    keep = Math.floor(keep / 2);
    text = render(false, summary.slice(0, keep), `Only the first ${keep} of ${summary.length} broadening changes are listed, and none of the ${total} changes by stack, to fit the message: see ${seeAlso}.`);
    if (size(text) <= maxBytes) return text;
  }
  return text;
}

/** Plain text for a terminal: one line per change, `!` on those that broaden. */
export function formatSecurityDiffText(report: SecurityDiffReport, ctx: ApprovalContext = {}): string {
  const lines: string[] = [];
  for (const s0 of report.stacks) {
    const s = withStage(s0, ctx);
    const where = [s.account && `account ${s.account}`, s.region && `region ${s.region}`, s.stage && `stage ${s.stage}`].filter(Boolean).join(', ');
    lines.push(`${s.stack}${where ? ` (${where})` : ''}${s.isNew ? ' [new stack]' : ''}${s.isRemoved ? ' [removed stack]' : ''}: ${s.broadened ? 'BROADENS permissions' : 'does not broaden permissions'}`);
    for (const c of s.changes) lines.push(`  ${c.broadens ? '! broadens' : '  narrows '}  ${c.summary}`);
  }
  lines.push(
    report.stacks.length === 0
      ? 'No security-relevant changes.'
      : report.broadened
        ? `Permissions broaden (${report.broadening} change(s)${report.narrowing ? `; ${report.narrowing} narrow` : ''}): this change needs a security approval.`
        : `Security-relevant changes (${report.narrowing}), none of which broadens permissions.`,
  );
  return lines.join('\n');
}

function withStage(s: StackSecurityChanges, ctx: ApprovalContext): StackSecurityChanges {
  return ctx.stage !== undefined ? { ...s, stage: ctx.stage } : s;
}

/** `stage Prod of pipeline my-app`, `stack api-dev`: the words after "in". */
function whereOf(report: SecurityDiffReport, ctx: ApprovalContext): string {
  const stages = ctx.stage !== undefined ? [ctx.stage] : [...new Set(report.stacks.map((s) => s.stage).filter((s): s is string => s !== undefined))];
  const stageText = stages.length > 0 ? `stage ${stages.join(', ')}` : report.stacks.length === 1 ? `stack ${report.stacks[0]!.stack}` : '';
  return [stageText, ctx.pipeline && `${stageText ? 'of ' : ''}pipeline ${ctx.pipeline}`].filter(Boolean).join(' ');
}

function firstLine(s: string): string {
  const line = s.split(/\r?\n/)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
