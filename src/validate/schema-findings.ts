import type { ErrorObject } from 'ajv';
import { escapePointerSegment, fromPointer, type Finding, type Severity } from '../model/diagnostic.js';
import { closest } from './suggest.js';

export interface SchemaFindingOptions {
  /** Diagnostic code prefix, e.g. `DEVFILE-SCHEMA`; the keyword is appended (`DEVFILE-SCHEMA-REQUIRED`). */
  readonly codePrefix: string;
  readonly severity?: Severity;
  /** What the document's keys are called in messages: `key` (files) or `option` (blueprint options). @default 'key' */
  readonly noun?: 'key' | 'option';
}

/**
 * Turn ajv errors into findings a person can act on: one finding per fault, naming what was found and
 * what is allowed. Errors from the branches of `anyOf`/`oneOf` are collapsed to the branch that came
 * closest, so a single typo does not print one message per alternative.
 */
export function schemaFindings(errors: readonly ErrorObject[] | null | undefined, opts: SchemaFindingOptions): Finding[] {
  if (!errors || errors.length === 0) return [];
  const kept = collapseBranches(errors);
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const e of kept) {
    const f = withSchemaFix(describe(e, opts), e);
    const k = `${f.code}\u0000${f.pointer}\u0000${f.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(f);
  }
  return out;
}

/** A schema may carry the fix for a fault it knows well (`x-fix` beside the keyword, e.g. "quote the value"). */
function withSchemaFix(f: Finding, e: ErrorObject): Finding {
  const fix = (e.parentSchema as Record<string, unknown> | undefined)?.['x-fix'];
  return typeof fix === 'string' && e.keyword !== 'required' && e.keyword !== 'additionalProperties' ? { ...f, fix } : f;
}

function collapseBranches(errors: readonly ErrorObject[]): ErrorObject[] {
  let list = [...errors];
  // Handle the innermost combinators first so outer ones see already-collapsed branches.
  const combinators = list
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const c of combinators) {
    if (!list.includes(c)) continue;
    const prefix = c.schemaPath + '/';
    const branches = new Map<string, ErrorObject[]>();
    for (const e of list) {
      if (!e.schemaPath.startsWith(prefix)) continue;
      const idx = e.schemaPath.slice(prefix.length).split('/')[0]!;
      const arr = branches.get(idx) ?? [];
      arr.push(e);
      branches.set(idx, arr);
    }
    if (c.keyword === 'oneOf' && branches.size === 0) continue; // matched several branches: keep the oneOf error
    // Branches that only say "has key X" are a choice of keys ("exactly one of container, volume, ..."): when the
    // schema words that choice (`x-message`), one message about the choice beats "missing X" for an arbitrary X.
    const keyChoice = [...branches.values()].every((errs) => errs.every((e) => e.keyword === 'required' && e.instancePath === c.instancePath));
    if (keyChoice && typeof (c.parentSchema as Record<string, unknown> | undefined)?.['x-message'] === 'string') {
      const drop = new Set([...branches.values()].flat());
      list = list.filter((e) => !drop.has(e));
      continue;
    }
    let best: ErrorObject[] | undefined;
    let bestScore = Infinity;
    for (const errs of branches.values()) {
      // A branch whose very type is wrong is the least relevant; deeper errors mean the branch matched more.
      const typeMiss = errs.some((e) => (e.keyword === 'type' || e.keyword === 'const' || e.keyword === 'enum') && e.instancePath === c.instancePath);
      const depth = Math.max(...errs.map((e) => e.instancePath.length));
      const score = (typeMiss ? 1e6 : 0) + errs.length * 10 - depth;
      if (score < bestScore) {
        bestScore = score;
        best = errs;
      }
    }
    const drop = new Set<ErrorObject>();
    for (const errs of branches.values()) if (errs !== best) errs.forEach((e) => drop.add(e));
    if (best && best.length > 0) drop.add(c);
    list = list.filter((e) => !drop.has(e));
  }
  // `if/then` reports both the inner error and an `if` error: the inner one says it all.
  return list.filter((e) => e.keyword !== 'if');
}

function describe(e: ErrorObject, opts: SchemaFindingOptions): Finding {
  const severity = opts.severity ?? 'error';
  const code = `${opts.codePrefix}-${e.keyword.toUpperCase()}`;
  const pointer = e.instancePath;
  const p = e.params as Record<string, unknown>;
  const custom = (e.parentSchema as Record<string, unknown> | undefined)?.['x-message'];
  const noun = opts.noun ?? 'key';
  // Options are named as users type them with --set: dotted, list indexes as numbers (`stages.0.account`).
  const optionName = (ptr: string) => fromPointer(ptr).join('.');
  const where = noun === 'option' ? (pointer === '' ? 'The options' : `Option "${optionName(pointer)}"`) : describeWhere(pointer);
  switch (e.keyword) {
    case 'required': {
      const key = String(p['missingProperty']);
      if (noun === 'option') {
        const name = pointer === '' ? key : `${optionName(pointer)}.${key}`;
        return { code, severity, pointer, message: `Option "${name}" is required and has no value.`, fix: `Give it with --set ${name}=... or in the options file.` };
      }
      return { code, severity, pointer, message: `${where} is missing the required key "${key}".`, fix: `Add "${key}".`, suggestion: key };
    }
    case 'additionalProperties': {
      const key = String(p['additionalProperty']);
      const allowed = Object.keys(((e.parentSchema as Record<string, unknown>)?.['properties'] as object) ?? {});
      const guess = closest(key, allowed);
      return {
        code,
        severity,
        pointer: `${pointer}/${escapePointerSegment(key)}`,
        atKey: true,
        message:
          noun === 'option'
            ? `Unknown option "${pointer === '' ? key : `${optionName(pointer)}.${key}`}".${allowed.length ? ` Allowed here: ${allowed.join(', ')}.` : ''}`
            : `Unknown key "${key}" in ${pointer === '' ? 'the document' : where}.${allowed.length ? ` Allowed keys: ${allowed.join(', ')}.` : ''}`,
        fix: guess ? `Did you mean "${guess}"?` : 'Remove the key.',
        ...(guess ? { suggestion: guess } : {}),
      };
    }
    case 'enum': {
      const allowed = (p['allowedValues'] as unknown[]).map(show);
      const guess = typeof e.data === 'string' ? closest(e.data, (p['allowedValues'] as unknown[]).filter((v): v is string => typeof v === 'string')) : undefined;
      return {
        code,
        severity,
        pointer,
        message: `${where} is ${show(e.data)}, which is not allowed; expected one of ${allowed.join(', ')}.`,
        fix: guess ? `Did you mean ${show(guess)}?` : undefined,
      };
    }
    case 'const':
      return { code, severity, pointer, message: `${where} is ${show(e.data)}; expected ${show(p['allowedValue'])}.` };
    case 'type':
      return { code, severity, pointer, message: `${where} ${foundValue(e.data)}; expected ${String(p['type']).replace(/,/g, ' or ')}.` };
    case 'pattern':
      return {
        code,
        severity,
        pointer,
        message: typeof custom === 'string' ? `${where} is ${show(e.data)}: ${custom}` : `${where} is ${show(e.data)}, which does not match the pattern ${String(p['pattern'])}.`,
      };
    case 'format':
      return { code, severity, pointer, message: `${where} is ${show(e.data)}, which is not a valid ${String(p['format'])}.` };
    case 'minLength':
    case 'maxLength':
      return { code, severity, pointer, message: `${where} is ${show(e.data)}; it must have ${e.keyword === 'minLength' ? 'at least' : 'at most'} ${String(p['limit'])} characters.` };
    case 'minItems':
    case 'maxItems':
      return { code, severity, pointer, message: `${where} has ${Array.isArray(e.data) ? e.data.length : '?'} items; it must have ${e.keyword === 'minItems' ? 'at least' : 'at most'} ${String(p['limit'])}.` };
    case 'minProperties':
    case 'maxProperties':
      return { code, severity, pointer, message: `${where} has ${e.data && typeof e.data === 'object' ? Object.keys(e.data).length : '?'} keys; it must have ${e.keyword === 'minProperties' ? 'at least' : 'at most'} ${String(p['limit'])}.` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { code, severity, pointer, message: `${where} is ${show(e.data)}; it must be ${String(p['comparison'])} ${String(p['limit'])}.` };
    case 'uniqueItems':
      return { code, severity, pointer, message: `${where} has the same item twice (items ${String(p['j'])} and ${String(p['i'])}).` };
    case 'not':
      return { code, severity, pointer, message: typeof custom === 'string' ? `${where}: ${custom}` : `${where} has a form that is not allowed here.` };
    case 'oneOf':
      return { code, severity, pointer, message: typeof custom === 'string' ? `${where}: ${custom}` : `${where} matches more than one of the allowed forms; it must match exactly one.` };
    case 'anyOf':
      return { code, severity, pointer, message: typeof custom === 'string' ? `${where}: ${custom}` : `${where} matches none of the allowed forms.` };
    default:
      return { code, severity, pointer, message: `${where}: ${e.message ?? 'is not valid'}.` };
  }
}

/** "The value at /a/0/b" reads badly; "`a[0].b`" is what people type. */
export function describeWhere(pointer: string): string {
  if (pointer === '') return 'The document';
  return `"${pointerToPath(pointer)}"`;
}

export function pointerToPath(pointer: string): string {
  let out = '';
  for (const seg of fromPointer(pointer)) {
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);
  if (v === null || typeof v !== 'object') return String(v);
  const s = JSON.stringify(v);
  return s.length > 60 ? (Array.isArray(v) ? 'a list' : 'a mapping') : s;
}

/** "is a string \"x\"", "is null", "has no value": what a type error found, without saying a thing twice. */
function foundValue(v: unknown): string {
  if (v === undefined) return 'has no value';
  if (v === null) return 'is null';
  return `is ${typeName(v)} ${show(v)}`;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `a ${typeof v}`;
}
