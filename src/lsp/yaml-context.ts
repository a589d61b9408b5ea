import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/**
 * Where in a YAML document an editor's cursor is, as a path of keys and indexes. Built on `yaml`'s document,
 * which keeps the nodes of a text with errors too (a user typing `DependsOn: [Bui` has an unclosed list), so
 * hovers and completion work while the file is broken. Pure.
 */
export interface CursorDoc {
  readonly doc: Document;
  readonly lines: LineCounter;
  readonly text: string;
}

export function cursorDoc(text: string): CursorDoc {
  const lines = new LineCounter();
  // uniqueKeys off: a duplicate key must not hide the rest of the document from the cursor.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  return { doc, lines, text };
}

export type Path = (string | number)[];

export interface NodeAt {
  readonly path: Path;
  /** The cursor is on a key (the path ends with it), not on its value. */
  readonly onKey: boolean;
  /** The scalar under the cursor, when there is one. */
  readonly scalar?: { readonly value: unknown; readonly range: readonly [number, number] };
}

/** The innermost key or value at `offset`. */
export function nodeAt(c: CursorDoc, offset: number): NodeAt | undefined {
  const walk = (node: unknown, path: Path): NodeAt | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
        const key = String(pair.key.value);
        const [k0, k1] = pair.key.range;
        if (offset >= k0 && offset <= k1) return { path: [...path, key], onKey: true, scalar: { value: pair.key.value, range: [k0, k1] } };
        const v = pair.value as Node | null;
        if (v?.range && offset >= v.range[0] && offset <= v.range[1]) return walk(v, [...path, key]);
      }
      return { path, onKey: false };
    }
    if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i] as Node | null;
        if (item?.range && offset >= item.range[0] && offset <= item.range[1]) return walk(item, [...path, i]);
      }
      return { path, onKey: false };
    }
    if (isScalar(node) && node.range) return { path, onKey: false, scalar: { value: node.value, range: [node.range[0], node.range[1]] } };
    return undefined;
  };
  return walk(c.doc.contents, []);
}

/**
 * The path of the key on the line holding `offset` that the cursor follows (`Type` in `  - Type: pu|`; the last
 * one before the cursor on a line of several, as in a flow mapping), if any.
 */
export function keyPathOnLine(c: CursorDoc, offset: number): Path | undefined {
  const { line } = c.lines.linePos(offset);
  let best: { path: Path; start: number } | undefined;
  const walk = (node: unknown, path: Path): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
        const p = [...path, String(pair.key.value)];
        const start = pair.key.range[0];
        if (start <= offset && c.lines.linePos(start).line === line && (!best || start > best.start)) best = { path: p, start };
        walk(pair.value, p);
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) walk(node.items[i], [...path, i]);
    }
  };
  walk(c.doc.contents, []);
  return best?.path;
}
