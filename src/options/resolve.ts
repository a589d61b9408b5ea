import type { Finding } from '../model/diagnostic.js';
import type { OptionsSchema } from '../model/blueprint.js';
import { listNamedByKey, schemaTypes, subSchemaAt } from './schema-walk.js';
import { isRecord } from '../model/values.js';

export type OptionValues = Record<string, unknown>;

/** Deep merge: mappings merge key by key, everything else (lists included) is replaced by the later layer. */
export function mergeOptions(...layers: readonly unknown[]): OptionValues {
  let out: OptionValues = {};
  for (const layer of layers) if (isRecord(layer)) out = mergeRecord(out, layer);
  return out;
}

function mergeRecord(a: OptionValues, b: Readonly<Record<string, unknown>>): OptionValues {
  const out: OptionValues = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    out[k] = isRecord(v) && isRecord(out[k]) ? mergeRecord(out[k] as OptionValues, v) : clone(v);
  }
  return out;
}

export interface SetAssignment {
  readonly path: readonly string[];
  readonly value: unknown;
  readonly raw: string;
}

/**
 * Parse `--set key.path=value`, typing the value by the schema at that path: numbers, booleans, lists
 * (comma-separated, or JSON), objects (JSON). A string option keeps the text as written.
 */
export function parseSetArgument(arg: string, schema: OptionsSchema): { ok: true; assignment: SetAssignment } | { ok: false; finding: Finding } {
  const eq = arg.indexOf('=');
  if (eq <= 0) {
    return { ok: false, finding: { code: 'OPTION-SET-SYNTAX', severity: 'error', pointer: '', message: `--set "${arg}" is not of the form key.path=value.`, fix: 'Write it as --set name=value, e.g. --set stages.0.account=111122223333.' } };
  }
  const key = arg.slice(0, eq).trim();
  const rawValue = arg.slice(eq + 1);
  const path = key.split('.');
  if (path.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype')) {
    return { ok: false, finding: { code: 'OPTION-SET-SYNTAX', severity: 'error', pointer: '', message: `--set "${arg}": "${key}" is not a valid option path.` } };
  }
  const listAt = listNamedByKey(schema, path);
  if (listAt !== undefined) {
    const items = subSchemaAt(schema, [...path.slice(0, listAt), '0']);
    const finding = listNeedsIndex({ path, value: undefined, raw: arg }, path.slice(0, listAt).join('.'), path.slice(listAt), schemaTypes(items).includes('object'));
    return { ok: false, finding };
  }
  return { ok: true, assignment: { path, value: typeOptionText(rawValue, subSchemaAt(schema, path)), raw: arg } };
}

/** An option's value from its text, typed by the option's schema: `--set` and the prompts type input the same way. */
export function typeOptionText(raw: string, schema: Readonly<Record<string, unknown>> | undefined): unknown {
  return coerce(raw, schemaTypes(schema), schema);
}

function coerce(raw: string, types: readonly string[], sub: Readonly<Record<string, unknown>> | undefined): unknown {
  const t = raw.trim();
  if (types.includes('string') && !types.includes('array') && !types.includes('object')) return raw;
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t)) return Number(t);
  if (types.includes('boolean') && (t === 'true' || t === 'false')) return t === 'true';
  if (types.includes('null') && t === 'null') return null;
  if (types.includes('array')) {
    if (t.startsWith('[')) return tryJson(t);
    if (t === '') return [];
    const itemTypes = schemaTypes(sub?.['items'] as Readonly<Record<string, unknown>> | undefined);
    return t.split(',').map((s) => coerce(s.trim(), itemTypes.length ? itemTypes : ['string'], undefined));
  }
  if (types.includes('object') && t.startsWith('{')) return tryJson(t);
  // Unknown option or unknown type: keep the text, the schema check names the problem.
  return raw;
}

function tryJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
}

/**
 * Apply assignments in order; numeric segments index into lists. An index may name an item that exists or
 * the one just past the end (which appends); anything further, or a name used where a list is, is refused
 * with a finding and that assignment is skipped, so one typo cannot grow a list to millions of holes.
 */
export function applyAssignments(base: OptionValues, assignments: readonly SetAssignment[]): { values: OptionValues; findings: Finding[] } {
  const out = clone(base) as OptionValues;
  const findings: Finding[] = [];
  for (const a of assignments) {
    const problem = checkListSegments(out, a);
    if (problem) {
      findings.push(problem);
      continue;
    }
    let cur: Record<string, unknown> | unknown[] = out;
    a.path.forEach((seg, i) => {
      const last = i === a.path.length - 1;
      const key: string | number = Array.isArray(cur) ? Number(seg) : seg;
      const container = cur as Record<string | number, unknown>;
      if (last) {
        container[key] = a.value;
        return;
      }
      const next = container[key];
      if (!isRecord(next) && !Array.isArray(next)) container[key] = /^\d+$/.test(a.path[i + 1]!) ? [] : {};
      cur = container[key] as Record<string, unknown> | unknown[];
    });
  }
  return { values: out, findings };
}

/** Walk an assignment's path over the current values and name the first list segment that cannot be applied. */
function checkListSegments(values: OptionValues, a: SetAssignment): Finding | undefined {
  let cur: unknown = values;
  for (let i = 0; i < a.path.length; i++) {
    const seg = a.path[i]!;
    const isIndex = /^\d+$/.test(seg);
    // A missing container becomes a list when the segment is an index (so its length is 0), else a mapping.
    const list = Array.isArray(cur) ? cur : cur === undefined && isIndex ? [] : undefined;
    if (list) {
      const name = a.path.slice(0, i).join('.');
      if (!isIndex) return listNeedsIndex(a, name, a.path.slice(i), list.some(isRecord));
      const index = Number(seg);
      if (index > list.length) {
        return {
          code: 'OPTION-SET-INDEX',
          severity: 'error',
          pointer: '',
          message: `--set "${a.raw}": "${name}" is a list of ${list.length} item(s), so index ${seg} is out of range.`,
          fix: list.length === 0 ? `Use ${name}.0 to add the first item.` : `Use an index from 0 to ${list.length - 1} to change an item, or ${list.length} to add one.`,
        };
      }
      cur = list[index];
      continue;
    }
    cur = isRecord(cur) ? cur[seg] : undefined;
  }
  return undefined;
}

/** `stages.name` -> "use stages.<index>.name" for a list of mappings; `ignore.foo` -> "use ignore.<index>". */
function listNeedsIndex(a: SetAssignment, name: string, rest: readonly string[], itemsAreMappings: boolean): Finding {
  const tail = itemsAreMappings ? rest : [];
  const hint = [name, '<index>', ...tail].join('.');
  return {
    code: 'OPTION-SET-LIST',
    severity: 'error',
    pointer: '',
    message: `--set "${a.raw}": ${name} is a list; use ${hint}.`,
    fix: `List items are numbered from 0, e.g. ${[name, '0', ...tail].join('.')}.`,
  };
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}
