import { BUILDSPEC_RULE_DOCS } from './buildspec/rules/index.js';
import { DEVFILE_RULE_DOCS } from './devfile/rules/index.js';
import type { RuleDoc } from './rule.js';
import { FILE_RULE_DOCS } from './rules/file.js';
import { INFRA_RULE_DOCS } from './rules/infra.js';
import { YAML_RULE_DOCS } from './rules/yaml.js';
import { WORKFLOW_RULE_DOCS } from './workflow/rules/index.js';

/**
 * Every finding code `validate` can report, with its documentation and examples, sorted by code: the source of
 * `catalyst-gen rules`, docs/rules.md and SARIF's rule help. Loading it loads the workflow rules' checks (they
 * live beside their documentation), so only those outputs import it.
 */
export const RULE_CATALOGUE: readonly RuleDoc[] = [...FILE_RULE_DOCS, ...YAML_RULE_DOCS, ...WORKFLOW_RULE_DOCS, ...DEVFILE_RULE_DOCS, ...BUILDSPEC_RULE_DOCS, ...INFRA_RULE_DOCS]
  .map(({ code, family, kind, severity, title, description, bad, good, examplePath, exampleOptions, previous }) => ({
    code,
    ...(family ? { family } : {}),
    kind,
    severity,
    title,
    description,
    bad,
    good,
    ...(previous !== undefined ? { previous } : {}),
    ...(examplePath ? { examplePath } : {}),
    ...(exampleOptions ? { exampleOptions } : {}),
  }))
  .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

/** The rule a code belongs to: its own declaration, else the family it is `<family>-<KEYWORD>` of. */
export function ruleFor(code: string, catalogue: readonly RuleDoc[] = RULE_CATALOGUE): RuleDoc | undefined {
  return catalogue.find((r) => r.code === code) ?? catalogue.find((r) => r.family === true && code.startsWith(`${r.code}-`));
}
