import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_CATALOGUE, ruleFor } from '../../src/validate/catalogue.js';
import { formatRulesMarkdown } from '../../src/validate/rules-format.js';
import { cli, tempDir } from '../helpers/cli.js';

/**
 * Codes reported by other commands than validate, about the generator's own inputs (blueprint options, --set,
 * blueprint sources, catalogue and ownership files, pipeline definitions, devfile edits, security-diff inputs):
 * they reach the user as diagnostics of those commands, never as findings of a validated file.
 */
const NOT_VALIDATE = /^(OPTION|BLUEPRINT|OWNERSHIP)-|^(CATALOGUE-CONFIG|PIPELINE-DEF|CODEARTIFACT-NAME|SECURITY-DIFF-PARSE|DEVFILE-EDIT|IAM-POLICY-INPUT|YAML-NOT-A-MAPPING)$/;

/** Literals of the same shape that are not codes: an encoding's name, a value of the deployment options. */
const NOT_CODES = new Set(['UTF-8', 'SKIP-DEPLOYMENT']);

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('rule catalogue', () => {
  it('declares every finding code the sources hold (a code literal anywhere in src/)', () => {
    const codes = new Set<string>();
    for (const f of tsFiles('src')) for (const m of readFileSync(f, 'utf8').matchAll(/['"`]([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)['"`]/g)) codes.add(m[1]!);
    // The scan finds the codes of every layer: parsing, each kind's rules and schema layers, and the files validate refuses.
    for (const known of ['YAML-SYNTAX', 'WF-DEPENDS-CYCLE', 'DEVFILE-CC-IMAGE', 'BUILDSPEC-AWS-CLI-V1', 'VALIDATE-NOT-YAML', 'CFN-REF', 'WF-SCHEMA-ADDITIONALPROPERTIES']) expect(codes).toContain(known);
    const undeclared = [...codes].filter((c) => !NOT_VALIDATE.test(c) && !NOT_CODES.has(c) && !ruleFor(c)).sort();
    expect(undeclared, 'declare these codes in a rule of src/validate/**/rules/').toEqual([]);
  });

  it('docs/rules.md is what "catalyst-gen rules --format markdown" prints', () => {
    const onDisk = readFileSync('docs/rules.md', 'utf8');
    expect(onDisk === formatRulesMarkdown(RULE_CATALOGUE), 'docs/rules.md is out of date: run "npx tsx src/cli/bin.ts rules --format markdown > docs/rules.md"').toBe(true);
  });

  it('documents each rule under a heading that is its code, with both examples', () => {
    const md = formatRulesMarkdown(RULE_CATALOGUE);
    for (const r of RULE_CATALOGUE) {
      const section = md.slice(md.indexOf(`\n## ${r.code}\n`) + 1).split(/\n## /)[0]!;
      expect(section.startsWith(`## ${r.code}\n`), r.code).toBe(true);
      expect(section).toContain(r.description);
      expect(section).toContain(r.good.split('\n')[0]!.replace(/[\u0000-\u001f]/g, ''));
    }
  });

  it('rules prints the catalogue as text (one line a code) and as JSON', async () => {
    const text = await cli('rules');
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(RULE_CATALOGUE.length);
    expect(lines.find((l) => l.startsWith('WF-DEPENDS-CYCLE '))).toMatch(/^WF-DEPENDS-CYCLE\s+error\s+workflow\s+Actions wait for each other in a cycle\.$/);
    const json = JSON.parse((await cli('rules', '--format', 'json')).stdout) as { rules: { code: string; bad: string; good: string }[] };
    expect(json.rules.map((r) => r.code)).toEqual(RULE_CATALOGUE.map((r) => r.code));
    expect((await cli('rules', '--format', 'yaml')).code).toBe(2);
  });

  it("validate --format sarif gives each rule the catalogue's descriptions, help and helpUri", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.codecatalyst/workflows'), { recursive: true });
    writeFileSync(join(dir, '.codecatalyst/workflows/w.yaml'), 'Name: w\nSchemaVersion: "1.0"\nTrigers: []\nActions:\n  Build:\n    Identifier: aws/bulid@v1\n    Configuration:\n      Step: []\n');
    const r = await cli('validate', '--format', 'sarif', dir);
    expect(r.code).toBe(1);
    const rules = JSON.parse(r.stdout).runs[0].tool.driver.rules as Record<string, any>[];
    const unknown = rules.find((x) => x.id === 'WF-IDENTIFIER-UNKNOWN')!;
    const doc = ruleFor('WF-IDENTIFIER-UNKNOWN')!;
    expect(unknown.shortDescription.text).toBe(doc.title);
    expect(unknown.fullDescription.text).toBe(doc.description);
    expect(unknown.help.text).toContain(doc.bad);
    expect(unknown.help.markdown).toContain('```yaml\n' + doc.bad + '```');
    expect(unknown.helpUri).toBe('docs/rules.md#wf-identifier-unknown');
    expect(unknown.defaultConfiguration).toEqual({ level: 'error' });
    // A schema code takes its family's help and anchor.
    const schema = rules.find((x) => x.id.startsWith('WF-SCHEMA-'))!;
    expect(schema.helpUri).toBe('docs/rules.md#wf-schema');
    expect(schema.fullDescription.text).toBe(ruleFor('WF-SCHEMA')!.description);
  });
});
