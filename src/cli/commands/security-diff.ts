import { loadStackTemplates } from '../../io/cdk-out.js';
import { loadTemplates } from '../../io/templates.js';
import { securityDiff } from '../../security/diff.js';
import { formatSecurityDiffJson, formatSecurityDiffTemplate, formatSecurityDiffText, SECURITY_DIFF_TEMPLATES, type ApprovalContext } from '../../security/format.js';
import type { Output } from '../output.js';

export interface SecurityDiffFlags {
  readonly format: 'text' | 'json' | 'markdown' | 'email';
  readonly pipeline?: string;
  readonly stage?: string;
  readonly reviewUrl?: string;
  readonly approveUrl?: string;
}

/**
 * Compare two templates (or two cdk.out folders) and print the security-relevant changes. Returns 1 when
 * permissions broaden, so that a pipeline step can gate on it, else 0.
 */
export function runSecurityDiff(before: string, after: string, flags: SecurityDiffFlags, o: Output): number {
  const old = loadStackTemplates(before);
  const cur = loadStackTemplates(after);
  // Two lone templates are two versions of one stack, whatever their file names.
  const paired = old.length === 1 && cur.length === 1 ? [{ ...old[0]!, name: cur[0]!.name }] : old;
  const report = securityDiff(paired, cur);
  const ctx: ApprovalContext = {
    ...(flags.pipeline !== undefined ? { pipeline: flags.pipeline } : {}),
    ...(flags.stage !== undefined ? { stage: flags.stage } : {}),
    ...(flags.reviewUrl !== undefined ? { reviewUrl: flags.reviewUrl } : {}),
    ...(flags.approveUrl !== undefined ? { approveUrl: flags.approveUrl } : {}),
  };
  if (flags.format === 'json') o.out(formatSecurityDiffJson(report, ctx));
  else if (flags.format === 'text') o.out(formatSecurityDiffText(report, ctx));
  else o.out(formatSecurityDiffTemplate(flags.format, report, ctx, loadTemplates([SECURITY_DIFF_TEMPLATES[flags.format]])));
  return report.broadened ? 1 : 0;
}
