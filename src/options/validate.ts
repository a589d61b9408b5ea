import type { Blueprint } from '../model/blueprint.js';
import { lambdaRuntime, newestLike, runtimeState } from '../model/lambda-runtimes.js';
import { isRecord } from '../model/values.js';
import type { Finding } from '../model/diagnostic.js';
import { fromPointer, toPointer } from '../model/diagnostic.js';
import { schemaFindings } from '../validate/schema-findings.js';
import { compileSchema } from '../validate/schemas.js';

/**
 * Check resolved options against the blueprint's schema. Every problem at once, each message naming the
 * option (dotted path), the value found and what is allowed.
 */
export function validateOptions(blueprint: Blueprint<any>, values: unknown, today: Date = new Date()): Finding[] {
  const fn = compileSchema(blueprint.options, `blueprint:${blueprint.id}@${blueprint.version}`);
  const extra = [...controlCharacterFindings(values, []), ...runtimeFindings(blueprint.options, values, [], today)];
  if (fn(values)) return extra;
  return [...schemaFindings(fn.errors, { codePrefix: 'OPTION', noun: 'option' }), ...extra];
}

/**
 * Lambda runtimes against AWS's deprecation table: an option whose allowed values are all Lambda runtimes is a
 * runtime choice; one AWS no longer creates functions on is an error, one within months of that a warning, each
 * naming the dates and the runtime to move to. (The schema keeps retired runtimes, so that this message, not
 * "not one of the allowed values", is what a project recorded with one gets.)
 */
function runtimeFindings(schema: unknown, value: unknown, path: readonly (string | number)[], today: Date): Finding[] {
  if (!isRecord(schema)) return [];
  const allowed = schema['enum'];
  if (typeof value === 'string' && Array.isArray(allowed) && allowed.length > 0 && allowed.every((v) => typeof v === 'string' && lambdaRuntime(v) !== undefined)) {
    const s = runtimeState(value, today);
    if (s.state === 'supported') return [];
    return [{ code: s.state === 'retired' ? 'OPTION-RUNTIME-RETIRED' : 'OPTION-RUNTIME-ENDING', severity: s.state === 'retired' ? 'error' : 'warning', message: `Option "${path.join('.')}" is ${value}: ${s.message}`, fix: `--set ${path.join('.')}=${newestLike(value).id}`, pointer: toPointer(path) }];
  }
  const props = schema['properties'];
  if (isRecord(props) && isRecord(value)) return Object.entries(props).flatMap(([k, sub]) => (k in value ? runtimeFindings(sub, value[k], [...path, k], today) : []));
  if (Array.isArray(value) && isRecord(schema['items'])) return value.flatMap((v, i) => runtimeFindings(schema['items'], v, [...path, i], today));
  return [];
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
