import type { Blueprint } from '../model/blueprint.js';
import type { Finding } from '../validate/diagnostic.js';
import { fromPointer, toPointer } from '../validate/diagnostic.js';
import { schemaFindings } from '../validate/schema-findings.js';
import { compileSchema } from '../validate/schemas.js';

/**
 * Check resolved options against the blueprint's schema. Every problem at once, each message naming the
 * option (dotted path), the value found and what is allowed.
 */
export function validateOptions(blueprint: Blueprint<any>, values: unknown): Finding[] {
  const fn = compileSchema(blueprint.options, `blueprint:${blueprint.id}@${blueprint.version}`);
  const control = controlCharacterFindings(values, []);
  if (fn(values)) return control;
  return [...schemaFindings(fn.errors, { codePrefix: 'OPTION', noun: 'option' }), ...control];
}

/**
 * Option values end up in files as names, branches, list entries and lines of text: a line break or another
 * control character in one would start a new line (a new `.gitignore` pattern, a new shell command, a new key)
 * wherever a renderer does not escape it. Every blueprint's options are refused them, whatever its schema says.
 */
function controlCharacterFindings(value: unknown, path: readonly (string | number)[]): Finding[] {
  if (typeof value === 'string') {
    const at = value.search(CONTROL);
    if (at < 0) return [];
    const code = value.codePointAt(at)!.toString(16).toUpperCase().padStart(4, '0');
    return [{ code: 'OPTION-CONTROL-CHARACTER', severity: 'error', message: `Option "${path.join('.')}" holds a control character (U+${code}, at position ${at + 1}); option values are single lines of text.`, fix: 'Remove the line break or control character.', pointer: toPointer(path) }];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => controlCharacterFindings(v, [...path, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => controlCharacterFindings(v, [...path, k]));
  return [];
}

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators (line breaks to some readers).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Dotted option names for missing required options (what prompts must ask). */
export function missingRequired(findings: readonly Finding[]): string[] {
  return findings
    .filter((f) => f.code === 'OPTION-REQUIRED')
    .map((f) => {
      const m = /^Option "([^"]+)" is required/.exec(f.message);
      return m ? m[1]! : fromPointer(f.pointer).join('.');
    });
}
