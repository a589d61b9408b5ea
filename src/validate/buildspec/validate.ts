import type { Finding } from '../diagnostic.js';
import { schemaFindings } from '../schema-findings.js';
import { compileSchema } from '../schemas.js';
import { buildspecRules, type BuildspecRuleOptions } from './rules.js';

const PHASES = ['install', 'pre_build', 'build', 'post_build'];

/**
 * Check a parsed buildspec: the project's schema (one message per fault) plus the semantic rules. Pure;
 * the file validator ties the findings to lines, blueprints call this on the value they render.
 */
export function validateBuildspec(doc: unknown, opts: BuildspecRuleOptions = {}): Finding[] {
  const check = compileSchema('buildspec');
  check(doc);
  const schema = schemaFindings(check.errors, { codePrefix: 'BUILDSPEC-SCHEMA' }).map(refine);
  // Empty commands are reported by the rules with a clearer message than the schema's type error.
  return [...schema, ...buildspecRules(doc, opts)];
}

/** Name the two schema faults people make most often in buildspec terms. */
function refine(f: Finding): Finding {
  if (!f.code.endsWith('-ADDITIONALPROPERTIES')) return f;
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
