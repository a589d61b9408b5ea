import { isRecord } from '../model/values.js';

/**
 * Visit every string under `value` with its path, skipping the mapping keys `skipKey` names. The path is the
 * walk's own stack, valid only during the call (copy it to keep it): a visitor that wants a pointer builds it
 * only for the few strings it cares about, so a large document costs no allocation per string.
 */
export function walkStrings(value: unknown, visit: (s: string, path: readonly (string | number)[]) => void, skipKey?: (key: string) => boolean): void {
  const path: (string | number)[] = [];
  const walk = (x: unknown): void => {
    if (typeof x === 'string') {
      visit(x, path);
    } else if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        path.push(i);
        walk(x[i]);
        path.pop();
      }
    } else if (isRecord(x)) {
      for (const k in x) {
        if (!Object.prototype.hasOwnProperty.call(x, k) || skipKey?.(k)) continue;
        path.push(k);
        walk(x[k]);
        path.pop();
      }
    }
  };
  walk(value);
}
