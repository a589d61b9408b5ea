import { toPointer, type Finding } from '../../model/diagnostic.js';
import { identifierInfo } from './identifier.js';
import { isGroupValue } from '../../wire/workflow-graph.js';
import { isRecord } from '../../model/values.js';

/**
 * Forms the service accepts although they are not the documented canonical spelling (console-generated
 * files use `Type: Push` and `Events: [open, revision]`, AWS's own runner samples a boolean
 * `SharedInstance`, the docs `Type: Lambda` on actions). Each gets a warning naming the canonical form,
 * and the value is normalized to it in a copy, so the schema (which describes the canonical form)
 * checks everything else. Only scalars change, so every JSON pointer stays valid for the original file.
 * The copy is made on write: containers on the path to a changed value are copied, everything else (and,
 * when nothing changes, the whole value) is shared with the original, which is never modified.
 */
export interface LenientResult {
  readonly value: unknown;
  readonly findings: Finding[];
}

type Wire = Record<string, unknown>;

const TRIGGER_TYPES: Readonly<Record<string, string>> = { PUSH: 'PUSH', PULLREQUEST: 'PULLREQUEST', PULL_REQUEST: 'PULLREQUEST', SCHEDULE: 'SCHEDULE' };
const EVENTS = new Set(['OPEN', 'REVISION', 'CLOSED', 'MERGED', 'DRAFT']);

export function normalizeLenient(original: unknown): LenientResult {
  const findings: Finding[] = [];
  if (!isRecord(original)) return { value: original, findings };
  const value = original;
  const warn = (code: string, pointer: string, message: string, fix: string) => findings.push({ code, severity: 'warning', pointer, message, fix });
  // Changes are recorded as paths into the original and applied to a copy-on-write copy at the end. Every
  // check reads the original; none depends on another's change.
  const changes: Change[] = [];

  if (typeof value['SchemaVersion'] === 'number' && value['SchemaVersion'] === 1) {
    warn('WF-LENIENT-SCHEMA-VERSION', '/SchemaVersion', 'SchemaVersion is the number 1.0; the canonical form is the string "1.0".', 'Write SchemaVersion: "1.0" (quoted).');
    changes.push([['SchemaVersion'], '1.0']);
  }

  const triggers = value['Triggers'];
  if (Array.isArray(triggers)) {
    triggers.forEach((t, i) => {
      if (!isRecord(t)) return;
      const type = t['Type'];
      if (typeof type === 'string') {
        const canonical = TRIGGER_TYPES[type.toUpperCase()];
        if (canonical && canonical !== type) {
          warn('WF-LENIENT-TRIGGER-TYPE', `/Triggers/${i}/Type`, `Trigger type "${type}" is accepted, but the documented form is "${canonical}".`, `Write Type: ${canonical}.`);
          changes.push([['Triggers', i, 'Type'], canonical]);
        } else if (!canonical && type.toUpperCase() === 'MANUAL') {
          findings.push({
            code: 'WF-TRIGGER-MANUAL',
            severity: 'error',
            pointer: `/Triggers/${i}/Type`,
            message: 'There is no MANUAL trigger type; the valid types are PUSH, PULLREQUEST and SCHEDULE.',
            fix: 'Remove this trigger: a workflow can always be started by hand, and one without triggers runs only that way.',
          });
        }
      }
      const events = t['Events'];
      if (Array.isArray(events) && events.some((e) => typeof e === 'string' && e !== e.toUpperCase() && EVENTS.has(e.toUpperCase()))) {
        const fixed = events.map((e) => (typeof e === 'string' && EVENTS.has(e.toUpperCase()) ? e.toUpperCase() : e));
        warn(
          'WF-LENIENT-EVENT',
          `/Triggers/${i}/Events`,
          `Pull request events ${events.map((e) => JSON.stringify(e)).join(', ')} are accepted, but the documented form is uppercase.`,
          `Write Events: [${fixed.join(', ')}].`,
        );
        changes.push([['Triggers', i, 'Events'], fixed]);
      }
    });
  }

  if (isRecord(value['Compute'])) normalizeCompute(value['Compute'], ['Compute'], true, warn, changes);

  // Pointers are built from the path only when a warning needs one.
  const actions = value['Actions'];
  if (isRecord(actions)) {
    for (const name of Object.keys(actions)) {
      const v = actions[name];
      if (isGroupValue(v)) {
        const inner = v['Actions'];
        if (isRecord(inner)) for (const m of Object.keys(inner)) normalizeAction(inner[m], name, m, warn, changes);
      } else normalizeAction(v, undefined, name, warn, changes);
    }
  }
  return { value: changes.length === 0 ? value : copyOnWrite(value, changes), findings };
}

type Warn = (code: string, pointer: string, message: string, fix: string) => void;
type Path = readonly (string | number)[];
type Change = readonly [Path, unknown];

/** A copy of `original` with each change applied: only the containers on a changed path are (shallowly) copied. */
function copyOnWrite(original: Wire, changes: readonly Change[]): Wire {
  const root: Wire = { ...original };
  for (const [path, v] of changes) {
    let src: any = original;
    let dst: any = root;
    for (let i = 0; i < path.length - 1; i++) {
      const k = path[i]!;
      const from = src[k];
      if (dst[k] === from) dst[k] = Array.isArray(from) ? [...from] : { ...from };
      src = from;
      dst = dst[k];
    }
    dst[path[path.length - 1]!] = v;
  }
  return root;
}

function normalizeCompute(c: Wire, path: Path, workflowLevel: boolean, warn: Warn, changes: Change[]): void {
  const type = c['Type'];
  if (typeof type === 'string') {
    const upper = type.toUpperCase();
    if ((upper === 'EC2' || upper === 'LAMBDA') && upper !== type) {
      const ptr = toPointer(path);
      warn('WF-LENIENT-COMPUTE-TYPE', `${ptr}/Type`, `Compute type "${type}" is accepted, but the canonical form is "${upper}".`, `Write Type: ${upper}.`);
      changes.push([[...path, 'Type'], upper]);
    }
  }
  if (!workflowLevel) return;
  const shared = c['SharedInstance'];
  if (typeof shared === 'boolean' || (typeof shared === 'string' && /^(true|false)$/i.test(shared) && shared !== shared.toUpperCase())) {
    const canonical = String(shared).toUpperCase();
    warn(
      'WF-LENIENT-SHARED-INSTANCE',
      `${toPointer(path)}/SharedInstance`,
      `SharedInstance ${JSON.stringify(shared)} is accepted, but the canonical form is the string "${canonical}".`,
      `Write SharedInstance: ${canonical}.`,
    );
    changes.push([[...path, 'SharedInstance'], canonical]);
  }
}

/** An action at `Actions/<name>`, or at `Actions/<group>/Actions/<name>` in a group. */
function normalizeAction(a: unknown, group: string | undefined, name: string, warn: Warn, changes: Change[]): void {
  if (!isRecord(a)) return;
  const path: Path = group === undefined ? ['Actions', name] : ['Actions', group, 'Actions', name];
  if (isRecord(a['Compute'])) normalizeCompute(a['Compute'], [...path, 'Compute'], false, warn, changes);
  const inputs = a['Inputs'];
  if (isRecord(inputs) && isRecord(inputs['Variables'])) {
    warn('WF-LENIENT-MAP-FORM', `${toPointer(path)}/Inputs/Variables`, 'Input variables are written as a mapping; the documented form is a list of {Name, Value}.', 'Write Variables: [{Name: NAME, Value: "value"}, ...].');
  }
  const outputs = a['Outputs'];
  if (isRecord(outputs) && isRecord(outputs['Artifacts'])) {
    warn('WF-LENIENT-MAP-FORM', `${toPointer(path)}/Outputs/Artifacts`, 'Output artifacts are written as a mapping; the documented form is a list of {Name, Files}.', 'Write Artifacts: [{Name: name, Files: [...]}, ...].');
  }
  const config = a['Configuration'];
  if (isRecord(config) && config['Parameters'] !== undefined && identifierInfo(a['Identifier'])?.family === 'cfn-deploy') {
    warn(
      'WF-LENIENT-CFN-PARAMETERS',
      `${toPointer(path)}/Configuration/Parameters`,
      'The CloudFormation deploy settings are nested under Parameters, a legacy form written by the blueprint SDK; the documented form puts name, region, template ... directly under Configuration.',
      'Move the keys under Parameters up one level and remove Parameters.',
    );
  }
}
