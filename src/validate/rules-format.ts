import type { RuleDoc } from './rule.js';

/** How `catalyst-gen rules` and docs/rules.md show the catalogue, and SARIF's rule help. Pure: rules in, text out. */

/** Where a rule is documented in docs/rules.md: its heading's anchor (GitHub lowercases headings). */
function ruleAnchor(code: string): string {
  return code.toLowerCase();
}

/** The name an example is validated under (and shown with). */
export function examplePath(rule: RuleDoc): string {
  if (rule.examplePath) return rule.examplePath;
  return rule.kind === 'workflow' ? '.codecatalyst/workflows/example.yaml' : rule.kind === 'devfile' ? 'devfile.yaml' : rule.kind === 'buildspec' ? 'buildspec.yml' : 'example.yaml';
}

const displayCode = (r: RuleDoc) => (r.family ? `${r.code}-*` : r.code);

/** One line a rule: code, severity, kind, title. */
export function formatRulesText(rules: readonly RuleDoc[]): string {
  const width = Math.max(...rules.map((r) => displayCode(r).length));
  return rules.map((r) => `${displayCode(r).padEnd(width)}  ${r.severity.padEnd(7)}  ${r.kind.padEnd(14)}  ${r.title}`).join('\n') + '\n';
}

export function formatRulesJson(rules: readonly RuleDoc[]): string {
  return JSON.stringify({ rules }, null, 2) + '\n';
}

/** Examples shown as fenced blocks; text that holds a fence gets a longer one. NUL and other control characters are escaped. */
function fenced(text: string, lang: string): string {
  const fence = text.includes('```') ? '````' : '```';
  const shown = text.replace(/[\u0000-\u0008\u000b-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${fence}${lang}\n${shown.endsWith('\n') ? shown : `${shown}\n`}${fence}`;
}

const langOf = (rule: RuleDoc) => (/\.json$/.test(examplePath(rule)) ? 'json' : /\.ya?ml$/.test(examplePath(rule)) ? 'yaml' : 'text');

/** The body of a rule's documentation in Markdown (below its heading): severity, description, examples. */
function ruleMarkdown(rule: RuleDoc): string {
  const lang = langOf(rule);
  const parts = [
    `**${rule.severity}** · ${rule.kind}${rule.family ? ` · the codes ${rule.code}-<keyword>` : ''}`,
    rule.title,
    rule.description,
  ];
  if (rule.previous !== undefined) parts.push(`Before the change (\`${examplePath(rule)}\`):`, fenced(rule.previous, lang));
  parts.push(`Reported for (\`${examplePath(rule)}\`${rule.exampleOptions?.buildImage ? `, \`--build-image ${rule.exampleOptions.buildImage}\`` : ''}${rule.exampleOptions?.devfileProfile === 'generic' ? ', `--devfile-profile generic`' : ''}):`);
  parts.push(fenced(rule.bad, lang), 'Not reported for:', fenced(rule.good, lang));
  return parts.join('\n\n');
}

/** docs/rules.md: an index table, then each rule under a heading that is its code. */
export function formatRulesMarkdown(rules: readonly RuleDoc[]): string {
  const lines = [
    '# Finding codes',
    '',
    'Every code `catalyst-gen validate` reports, with what it means and an example that produces it and one that does not. Generated from the rule declarations in `src/validate/`: run `catalyst-gen rules --format markdown > docs/rules.md` after changing one (a test fails until this file matches). The codes are stable: tools may key on them.',
    '',
    '| Code | Severity | Kind | What is wrong |',
    '| --- | --- | --- | --- |',
    ...rules.map((r) => `| [${displayCode(r)}](#${ruleAnchor(r.code)}) | ${r.severity} | ${r.kind} | ${r.title.replace(/\|/g, '\\|')} |`),
    '',
  ];
  for (const r of rules) lines.push(`## ${r.code}`, '', ruleMarkdown(r), '');
  return lines.join('\n');
}

/** A SARIF `reportingDescriptor` for a code: the catalogue's words and examples, and where the rule is documented. */
export function sarifRule(code: string, rule: RuleDoc | undefined, helpBase: string | undefined): Record<string, unknown> {
  if (!rule) return { id: code, shortDescription: { text: code } };
  const lang = langOf(rule);
  const text = `${rule.title} ${rule.description}\n\nReported for:\n${rule.bad}\nNot reported for:\n${rule.good}`;
  return {
    id: code,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text, markdown: `${rule.title}\n\n${rule.description}\n\nReported for:\n\n${fenced(rule.bad, lang)}\n\nNot reported for:\n\n${fenced(rule.good, lang)}` },
    ...(helpBase ? { helpUri: `${helpBase}#${ruleAnchor(rule.code)}` } : {}),
    defaultConfiguration: { level: rule.severity === 'info' ? 'note' : rule.severity },
    properties: { tags: [rule.kind] },
  };
}
