import { shellQuote } from '../render/templates.js';
import { isRecord } from '../model/values.js';

/**
 * The `--set` arguments that take a blueprint from its defaults to `values`: one per changed scalar (at its
 * dotted path), one per changed list (given whole, comma-separated when its items are plain words, else as
 * JSON). Undefined when `--set` cannot say it: an option the defaults have and `values` dropped (an optional
 * group turned off) can only be left out of an options file.
 */
export function setArgumentsFor(defaults: unknown, values: Readonly<Record<string, unknown>>): string[] | undefined {
  const out: string[] = [];
  const walk = (before: unknown, after: unknown, path: string[]): boolean => {
    if (sameValue(before, after)) return true;
    if (isRecord(after) && (isRecord(before) || before === undefined)) {
      const b = isRecord(before) ? before : {};
      for (const k of Object.keys(b)) if (!(k in after)) return false;
      return Object.keys(after).every((k) => walk(b[k], after[k], [...path, k]));
    }
    if (after === undefined) return false;
    out.push(`${path.join('.')}=${textOf(after)}`);
    return true;
  };
  return walk(isRecord(defaults) ? defaults : {}, values, []) ? out : undefined;
}

/** A value as `--set` reads it back for an option of its type (see `typeOptionText`). */
function textOf(v: unknown): string {
  if (Array.isArray(v)) {
    const plain = v.every((x) => (typeof x === 'string' && /^[^,\s"[\]{}][^,"]*$/.test(x) && x.trim() === x) || typeof x === 'number' || typeof x === 'boolean');
    return plain && v.length > 0 ? v.map(String).join(',') : JSON.stringify(v);
  }
  if (isRecord(v)) return JSON.stringify(v);
  return String(v);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameValue(a[k], b[k]));
  }
  return a === b;
}

/** A command line, each argument quoted for a POSIX shell when it needs it. */
export function formatCommandLine(args: readonly string[]): string {
  return args.map(shellQuote).join(' ');
}
