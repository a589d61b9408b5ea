import type { Finding } from '../../model/diagnostic.js';
import { schemaFindings } from '../schema-findings.js';
import { compileSchema } from '../schemas.js';
import { normalizeBuildspec } from './lenient.js';
import { buildspecRules, type BuildspecRuleOptions } from './rules.js';
import { PHASES } from './rules/context.js';

/**
 * Check a parsed buildspec: the forms CodeBuild accepts but does not document are warnings and are rewritten
 * into the canonical form (`lenient.ts`), which then meets the project's schema (one message per fault) and the
 * semantic rules. Pure; the file validator ties the findings to lines, blueprints call this on the value they
 * render.
 */
export function validateBuildspec(doc: unknown, opts: BuildspecRuleOptions = {}): Finding[] {
  const { value, findings: lenient } = normalizeBuildspec(doc);
  const check = compileSchema('buildspec');
  check(value);
  const schema = schemaFindings(check.errors, { codePrefix: 'BUILDSPEC-SCHEMA' }).map(refine);
  return [...lenient, ...schema, ...buildspecRules(value, opts)];
}

/** Name the schema faults people make most often in buildspec terms. */
function refine(f: Finding): Finding {
  if (!f.code.endsWith('-ADDITIONALPROPERTIES')) return f;
  // GitHub Actions' steps pasted into a phase: CodeBuild would run none of them.
  const steps = /^\/phases\/([^/]+)\/steps$/.exec(f.pointer);
  if (steps) {
    return { ...f, message: `"steps" in phase "${steps[1]}" is GitHub Actions syntax; a CodeBuild phase takes "commands" (a list of shell commands), so none of these steps would run.`, fix: 'Rewrite each step\'s run: line as an item under "commands:".' };
  }
  const m = /^\/phases\/([^/]+)$/.exec(f.pointer);
  if (m) {
    return { ...f, code: 'BUILDSPEC-UNKNOWN-PHASE', message: `Unknown phase "${m[1]}"; a buildspec has the phases ${PHASES.join(', ')} (run in that order).` };
  }
  const r = /^\/phases\/(pre_build|build|post_build)\/runtime-versions$/.exec(f.pointer);
  if (r) {
    return { ...f, code: 'BUILDSPEC-RUNTIME-VERSIONS-PHASE', message: `runtime-versions is allowed only in the install phase, not in "${r[1]}".`, fix: 'Move runtime-versions to phases.install.' };
  }
  return f;
}
