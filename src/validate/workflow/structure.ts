import type { Finding } from '../../model/diagnostic.js';
import { schemaFindings } from '../schema-findings.js';
import { compileSchema } from '../schemas.js';

/**
 * The structural layer: this project's workflow schema (`schemas/workflow.schema.json`), compiled on first
 * use and then reused. The schema picks each action's `Configuration` schema by `Identifier` with `if/then`, so
 * one mistake gives one message; unknown (labs, third-party, local) actions' configurations are free.
 */
export function structureFindings(value: unknown): Finding[] {
  const validate = compileSchema('workflow');
  if (validate(value)) return [];
  return mergeTypos(schemaFindings(validate.errors, { codePrefix: 'WF-SCHEMA' }).map(refine));
}

/**
 * A misspelt required key is reported twice by a schema: "unknown key StakName" and "missing StackName".
 * When the unknown key's did-you-mean names the missing key, the second message adds nothing: drop it.
 */
function mergeTypos(findings: Finding[]): Finding[] {
  const guessed = new Set<string>();
  for (const f of findings) {
    if (f.code === 'WF-SCHEMA-ADDITIONALPROPERTIES' && f.suggestion !== undefined) guessed.add(`${f.pointer.slice(0, f.pointer.lastIndexOf('/'))}\u0000${f.suggestion}`);
  }
  if (guessed.size === 0) return findings;
  return findings.filter((f) => !(f.code === 'WF-SCHEMA-REQUIRED' && guessed.has(`${f.pointer}\u0000${f.suggestion}`)));
}

/** Better words for the few schema faults people make most. */
function refine(f: Finding): Finding {
  if (f.code === 'WF-SCHEMA-ADDITIONALPROPERTIES' && /\/Configuration\/Packages$/.test(f.pointer)) {
    return { ...f, fix: 'Packages belongs to the action, not to its Configuration: move it up one level.' };
  }
  if (f.code === 'WF-SCHEMA-TYPE' && /\/Outputs\/Reports$/.test(f.pointer)) {
    return { ...f, message: `${f.message} Reports is a mapping of report name to {Format, IncludePaths}.`, fix: 'Write Reports: {MyReport: {Format: JUNITXML, IncludePaths: [...]}}.' };
  }
  return f;
}
