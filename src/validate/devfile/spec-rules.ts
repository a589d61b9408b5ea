import type { Finding } from '../../model/diagnostic.js';
import { runRules } from '../rule.js';
import { devfileContext } from './rules/context.js';
import { DEVFILE_SPEC_RULES } from './rules/index.js';

export interface SpecRuleOptions {
  /**
   * Whether the schema layer rejected the part a path names (a component, a command...). A rejected component
   * or command still exists (what names it finds it), but its type is not trusted, so nothing is concluded
   * from it. @default - nothing rejected
   */
  readonly rejected?: (path: readonly (string | number)[]) => boolean;
}

/**
 * Layer 2: the devfile specification's rules that JSON schema cannot express (devfile/api `pkg/validation`,
 * rules R1-R24 of the reference, one a file in `rules/`; R25, variables, is `variables.ts`). Pure. The library
 * runs them only on a document its schema accepts; these run on the parts the schema layer did not reject, so a
 * problem is not hidden behind another. Where the library stops at the first problem, these rules report all.
 */
export function devfileSpecFindings(devfile: unknown, options: SpecRuleOptions = {}): Finding[] {
  const ctx = devfileContext(devfile, options.rejected ?? (() => false));
  return ctx ? runRules(DEVFILE_SPEC_RULES, ctx) : [];
}
