import { createTemplateEngine, type TemplateSources } from '../render/templates.js';
import type { SecurityDiffReport, StackSecurityChanges } from './diff.js';

/** Where the approver reviews and approves, and what the deployment is; all optional. */
export interface ApprovalContext {
  readonly pipeline?: string;
  /** Overrides the stage found in the cloud assembly (e.g. when comparing two template files). */
  readonly stage?: string;
  readonly reviewUrl?: string;
  readonly approveUrl?: string;
}

export const SECURITY_DIFF_TEMPLATES = {
  markdown: 'cdk-app/security-diff/markdown.md.hbs',
  email: 'cdk-app/security-diff/email.txt.hbs',
} as const;

/** The report as JSON: the report itself plus the context, stable key order. */
export function formatSecurityDiffJson(report: SecurityDiffReport, ctx: ApprovalContext = {}): string {
  return JSON.stringify({ broadened: report.broadened, ...ctx, stacks: report.stacks.map((s) => withStage(s, ctx)) }, null, 2);
}

/** The approver's message (markdown or e-mail text) through its Handlebars template. */
export function formatSecurityDiffTemplate(kind: 'markdown' | 'email', report: SecurityDiffReport, ctx: ApprovalContext, templates: TemplateSources): string {
  const engine = createTemplateEngine(templates);
  const stacks = report.stacks.map((s) => {
    const st = withStage(s, ctx);
    return {
      ...st,
      stage: st.stage ?? '',
      boundaries: st.boundaries.map((b) => ({ before: '', after: '', ...b })),
    };
  });
  const stages = [...new Set(stacks.map((s) => s.stage).filter((s) => s !== ''))];
  const subject = report.broadened
    ? `Confirm permission broadening${stages.length > 0 ? ` in ${stages.join(', ')}` : ''}`
    : `No permission broadening${stages.length > 0 ? ` in ${stages.join(', ')}` : ''}`;
  return engine.render(SECURITY_DIFF_TEMPLATES[kind], {
    broadened: report.broadened,
    subject,
    pipeline: ctx.pipeline ?? '',
    stacks,
    links: { review: ctx.reviewUrl ?? '', approve: ctx.approveUrl ?? '' },
  });
}

/** Plain text for a terminal: one line per change, `+`/`-`, and `!` on the ones that broaden. */
export function formatSecurityDiffText(report: SecurityDiffReport, ctx: ApprovalContext = {}): string {
  const lines: string[] = [];
  for (const s0 of report.stacks) {
    const s = withStage(s0, ctx);
    lines.push(`${s.stack}${s.stage ? ` (stage ${s.stage})` : ''}${s.isNew ? ' [new stack]' : ''}${s.isRemoved ? ' [removed stack]' : ''}: ${s.broadened ? 'BROADENS permissions' : 'does not broaden permissions'}`);
    const mark = (c: { change: string; broadens: boolean }) => `${c.broadens ? '!' : ' '} ${c.change === 'added' ? '+' : c.change === 'removed' ? '-' : '~'}`;
    for (const st of s.statements) {
      lines.push(`  ${mark(st)} IAM ${st.effect} ${st.principals.join(', ') || '-'} -> ${st.actions.join(', ')} on ${st.resources.join(', ')}${st.condition ? ` when ${st.condition}` : ''}`);
    }
    for (const m of s.managedPolicies) lines.push(`  ${mark(m)} managed policy ${m.policyArn} on ${m.identity}`);
    for (const r of s.securityGroupRules) lines.push(`  ${mark(r)} security group ${r.group} ${r.direction} ${r.protocol} ${r.peer}`);
    for (const b of s.boundaries) {
      lines.push(`  ${mark(b)} permission boundary ${b.change} on ${b.logicalId} (${b.resourceType})${b.before ? ` was ${b.before}` : ''}${b.after ? ` now ${b.after}` : ''}`);
    }
  }
  lines.push(
    report.stacks.length === 0
      ? 'No security-relevant changes.'
      : report.broadened
        ? 'Permissions broaden: this change needs a security approval.'
        : 'Security-relevant changes, none of which broadens permissions.',
  );
  return lines.join('\n');
}

function withStage(s: StackSecurityChanges, ctx: ApprovalContext): StackSecurityChanges {
  return ctx.stage !== undefined ? { ...s, stage: ctx.stage } : s;
}
