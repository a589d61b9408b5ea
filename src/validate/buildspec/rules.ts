import type { Finding } from '../../model/diagnostic.js';
import { isRecord } from '../../model/values.js';
import { runRules } from '../rule.js';
import { awsCliV1Rules } from './aws-cli-v1.js';
import { runtimeRules, type RuntimeRuleOptions } from './runtime-rules.js';
import { buildspecContext, PHASES } from './rules/context.js';
import { BUILDSPEC_RULES } from './rules/index.js';

export type BuildspecRuleOptions = RuntimeRuleOptions;

/**
 * Rules a JSON schema cannot say, on a buildspec in its canonical form (`lenient.ts` has rewritten the forms
 * CodeBuild also accepts): one a file in `rules/`, then the runtime versions and AWS CLI version 1 commands.
 * Pure; works on whatever parsed, so it checks shapes before trusting them. Severity follows one rule (README,
 * "What validate calls an error"): an error only where CodeBuild rejects the file or does what the author cannot
 * have meant; what CodeBuild runs is at most a warning.
 */
export function buildspecRules(doc: unknown, opts: BuildspecRuleOptions = {}): Finding[] {
  const ctx = buildspecContext(doc);
  if (!ctx) return [];
  const out = runRules(BUILDSPEC_RULES, ctx);
  if (ctx.phases) {
    for (const name of PHASES) {
      const phase = ctx.phases[name];
      if (isRecord(phase) && isRecord(phase['runtime-versions'])) out.push(...runtimeRules(phase['runtime-versions'], opts, name));
    }
    out.push(...awsCliV1Rules(ctx.phases));
  }
  return out;
}
