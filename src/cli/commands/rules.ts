import { RULE_CATALOGUE } from '../../validate/catalogue.js';
import { formatRulesJson, formatRulesMarkdown, formatRulesText } from '../../validate/rules-format.js';
import type { Output } from '../output.js';

export interface RulesFlags {
  readonly format: 'text' | 'json' | 'markdown';
}

/** `catalyst-gen rules`: the catalogue of finding codes; `--format markdown` is docs/rules.md. */
export function runRules(flags: RulesFlags, o: Output): void {
  const text = flags.format === 'json' ? formatRulesJson(RULE_CATALOGUE) : flags.format === 'markdown' ? formatRulesMarkdown(RULE_CATALOGUE) : formatRulesText(RULE_CATALOGUE);
  o.out(text);
}
