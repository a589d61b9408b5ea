import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RULE_CATALOGUE, ruleFor } from '../../src/validate/catalogue.js';
import { homeWipeFindings } from '../../src/validate/devfile/codecatalyst-rules.js';
import { validateFileBytes } from '../../src/validate/file.js';
import type { RuleDoc } from '../../src/validate/rule.js';

/** The usual name of a file of each kind, for the examples that do not name one. */
const PATHS: Record<string, string> = { workflow: '/p/.codecatalyst/workflows/example.yaml', devfile: '/p/devfile.yaml', buildspec: '/p/buildspec.yml' };

/** The codes `validate` reports for an example, validated as the catalogue says (its path, kind and settings). */
function codesOf(rule: RuleDoc, text: string): string[] {
  if (rule.previous !== undefined) return homeWipeFindings(parse(rule.previous), parse(text)).map((f) => f.code);
  const path = rule.examplePath ? `/p/${rule.examplePath}` : PATHS[rule.kind]!;
  const kind = rule.kind === 'iam-policy' || rule.kind === 'cloudformation' ? rule.kind : undefined;
  const check = validateFileBytes(new TextEncoder().encode(text), path.slice(3), { path, ...(kind ? { kind } : {}), ...rule.exampleOptions });
  return check.diagnostics.map((d) => d.code);
}

/** Whether a reported code is the rule's (its own, or one of its family's). */
const isRule = (rule: RuleDoc) => (code: string) => ruleFor(code) === ruleFor(rule.code) && (rule.family ? code.startsWith(`${rule.code}-`) : code === rule.code);

describe('rule catalogue examples', () => {
  it('declares each code once', () => {
    const codes = RULE_CATALOGUE.map((r) => r.code);
    expect(codes.length).toBeGreaterThan(100);
    expect(new Set(codes).size).toBe(codes.length);
  });

  describe.each(RULE_CATALOGUE.map((r) => [r.code, r] as const))('%s', (_code, rule) => {
    it('its bad example produces the code', () => {
      expect(codesOf(rule, rule.bad).filter(isRule(rule)).length, codesOf(rule, rule.bad).join(', ')).toBeGreaterThan(0);
    });
    it('its good example does not', () => {
      expect(codesOf(rule, rule.good).filter(isRule(rule))).toEqual([]);
    });
  });
});
