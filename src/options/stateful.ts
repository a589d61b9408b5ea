import type { StatefulOption } from '../model/blueprint.js';
import { isRecord } from '../model/values.js';

/** One changed option that names deployed resources. */
export interface StatefulChange {
  /** Concrete dotted path, e.g. `appName`, `stages.2.name`. */
  readonly path: string;
  readonly previous: unknown;
  /** undefined: the option (or the list item holding it) is gone. */
  readonly next: unknown;
  readonly consequence: string;
}

/**
 * Pure: the declared stateful options whose value differs between the options the project was generated with and
 * the new ones. Values only in the new options (a stage added) name nothing deployed yet and are not reported.
 */
export function statefulChanges(declared: readonly StatefulOption[], previous: unknown, next: unknown): StatefulChange[] {
  const out: StatefulChange[] = [];
  for (const d of declared) {
    for (const path of concretePaths(previous, d.path.split('.'))) {
      const before = valueAt(previous, path);
      const after = valueAt(next, path);
      if (before === undefined || JSON.stringify(before) === JSON.stringify(after)) continue;
      out.push({ path: path.join('.'), previous: before, next: after, consequence: d.consequence });
    }
  }
  return out;
}

/** The warning `update` prints for a change. */
export function formatStatefulChange(c: StatefulChange): string {
  const next = c.next === undefined ? 'removed' : `now ${JSON.stringify(c.next)}`;
  return `option ${c.path} was ${JSON.stringify(c.previous)}, ${next}: ${c.consequence}`;
}

/** Every concrete path of `value` that the pattern (segments, `*` for any key or index) matches. */
function concretePaths(value: unknown, pattern: readonly string[]): string[][] {
  if (pattern.length === 0) return [[]];
  const [head, ...rest] = pattern as [string, ...string[]];
  const keys = head === '*' ? (Array.isArray(value) ? value.map((_, i) => String(i)) : isRecord(value) ? Object.keys(value) : []) : [head];
  return keys.flatMap((k) => concretePaths(child(value, k), rest).map((p) => [k, ...p]));
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((v, k) => child(v, k), value);
}

function child(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return /^\d+$/.test(key) ? value[Number(key)] : undefined;
  return isRecord(value) && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}
