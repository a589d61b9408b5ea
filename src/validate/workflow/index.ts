import { escapePointerSegment, type Diagnostic, type Finding } from '../../model/diagnostic.js';
import { isWorkflowPath } from '../kinds.js';
import { attachFindings, type SourceFile } from '../source.js';
import { normalizeLenient } from './lenient.js';
import { runRules } from '../rule.js';
import { WORKFLOW_RULES } from './rules/index.js';
import { workflowContext } from './rules/context.js';
import { structureFindings } from './structure.js';
import { isRecord } from '../../model/values.js';

/** Top-level keys a workflow may have. */
const TOP_LEVEL = new Set(['Name', 'SchemaVersion', 'RunMode', 'Compute', 'Triggers', 'Actions']);

/**
 * Check a workflow's parsed value: lenient forms (warnings), then the schema on the normalized value,
 * then the semantic rules. Pure. A schema finding at a place a more specific rule already reported is
 * dropped, so one fault gives one message.
 */
export function validateWorkflowValue(value: unknown): Finding[] {
  if (!isRecord(value)) {
    return [
      {
        code: 'WF-NOT-MAPPING',
        severity: 'error',
        pointer: '',
        message: `A workflow file must be a mapping with Name, SchemaVersion and Actions; this one is ${Array.isArray(value) ? 'a list' : `a ${value === null ? 'null' : typeof value}`}.`,
        fix: 'Start the file with "Name: my-workflow", "SchemaVersion: \"1.0\"" and "Actions:".',
      },
    ];
  }
  const lenient = normalizeLenient(value);
  const specific: Finding[] = lenient.findings;
  for (const key of Object.keys(value)) {
    if (TOP_LEVEL.has(key)) continue;
    const v = value[key];
    if (isRecord(v) && 'Identifier' in v) {
      specific.push({
        code: 'WF-ACTION-AT-TOP-LEVEL',
        severity: 'error',
        pointer: `/${escapePointerSegment(key)}`,
        atKey: true,
        message: `"${key}" looks like an action, but it is at the top level of the file; actions go under Actions.`,
        fix: 'Indent it under "Actions:" (this file may be a fragment of a workflow).',
      });
    }
  }
  const ctx = workflowContext(lenient.value);
  if (ctx) runRules(WORKFLOW_RULES, ctx, specific);
  const structural = structureFindings(lenient.value);
  if (structural.length === 0) return specific;
  const taken = new Set<string>();
  for (const f of specific) if (f.severity === 'error') taken.add(f.pointer);
  const out = structural.filter((f) => !taken.has(f.pointer));
  for (const f of specific) out.push(f);
  return out;
}

/** Validate a parsed workflow file; diagnostics carry file, line and column. */
export function validateWorkflow(source: SourceFile): Diagnostic[] {
  return attachFindings(validateWorkflowValue(source.value), source);
}

export { isWorkflowPath };
