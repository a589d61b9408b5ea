import type { Blueprint } from '../model/blueprint.js';
import type { Finding } from '../validate/diagnostic.js';
import { fromPointer } from '../validate/diagnostic.js';
import { schemaFindings } from '../validate/schema-findings.js';
import { compileSchema } from '../validate/schemas.js';

/**
 * Check resolved options against the blueprint's schema. Every problem at once, each message naming the
 * option (dotted path), the value found and what is allowed.
 */
export function validateOptions(blueprint: Blueprint<any>, values: unknown): Finding[] {
  const fn = compileSchema(blueprint.options, `blueprint:${blueprint.id}@${blueprint.version}`);
  if (fn(values)) return [];
  return schemaFindings(fn.errors, { codePrefix: 'OPTION', noun: 'option' });
}

/** Dotted option names for missing required options (what prompts must ask). */
export function missingRequired(findings: readonly Finding[]): string[] {
  return findings
    .filter((f) => f.code === 'OPTION-REQUIRED')
    .map((f) => {
      const m = /^Option "([^"]+)" is required/.exec(f.message);
      return m ? m[1]! : fromPointer(f.pointer).join('.');
    });
}
