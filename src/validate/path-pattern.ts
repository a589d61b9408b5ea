import { isRecord } from '../model/values.js';

/** One place a path pattern names in a document: its path, the container holding it and its key there. */
export interface PatternMatch {
  readonly path: readonly (string | number)[];
  readonly parent: Record<string | number, unknown>;
  readonly key: string | number;
}

/**
 * Every existing place `pattern` names in `root`. A segment is a key, `*` (any key of a mapping or index of a
 * list) or alternatives `a|b`. The last segment must be a key (or alternatives) of a mapping.
 */
export function matchPattern(root: unknown, pattern: readonly string[]): PatternMatch[] {
  const out: PatternMatch[] = [];
  if (pattern.length === 0) return out;
  const walk = (node: unknown, i: number, path: (string | number)[]): void => {
    const seg = pattern[i]!;
    if (i === pattern.length - 1) {
      if (!isRecord(node)) return;
      for (const k of seg.split('|')) if (k in node) out.push({ path: [...path, k], parent: node, key: k });
      return;
    }
    if (seg === '*') {
      if (Array.isArray(node)) node.forEach((child, j) => walk(child, i + 1, [...path, j]));
      else if (isRecord(node)) for (const [k, child] of Object.entries(node)) walk(child, i + 1, [...path, k]);
      return;
    }
    if (!isRecord(node)) return;
    for (const k of seg.split('|')) if (k in node) walk(node[k], i + 1, [...path, k]);
  };
  walk(root, 0, []);
  return out;
}
