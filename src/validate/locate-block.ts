import { isCoreStringScalar } from './fast-yaml.js';

/**
 * Where a JSON pointer sits in a YAML text, without the `yaml` library. A file with findings needs its findings'
 * lines and columns; parsing it again with `yaml` for them cost more than everything else `validate` does for
 * that file. Files people write are almost always plain block YAML (mappings, sequences, one-line scalars,
 * comments), and in that subset a node's position follows from the lines alone.
 *
 * `blockOutline` reads that subset into an outline of nodes with their offsets, and declines (undefined) as
 * soon as it meets anything else: tabs, multi-line plain or quoted scalars, flow collections over several
 * lines, empty documents, keys that are not plain strings, `...`. `locateInOutline` walks the outline exactly as
 * `source.ts` walks a `yaml` document and gives the same offsets, or declines where the outline does not know
 * them (inside a flow collection, at a block scalar or an empty value). A declined file or pointer goes to
 * `yaml` as before, so declining costs only speed. `test/perf/locate-block.test.ts` checks every pointer of
 * generated, rendered and real files against `yaml`.
 *
 * Only texts the fast parse accepted come here: no anchors, tags, directives, explicit or null keys, duplicate
 * keys, syntax errors or second documents.
 */

type OutlineNode =
  | { readonly t: 'map'; readonly start: number; readonly entries: readonly MapEntry[] }
  | { readonly t: 'seq'; readonly start: number; readonly items: readonly OutlineNode[] }
  | { readonly t: 'scalar'; readonly start: number; readonly end: number }
  /** A flow collection: its start is known, what is inside it is not. */
  | { readonly t: 'flow'; readonly start: number }
  /** A block scalar or an empty value: the outline does not know its range. */
  | { readonly t: 'unknown' };

interface MapEntry {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: OutlineNode;
}

export interface Outline {
  readonly root: OutlineNode;
}

class Decline extends Error {}
const decline = (): never => {
  throw new Decline();
};

interface Line {
  /** Offset of the line's first character. */
  readonly start: number;
  /** Leading spaces. */
  readonly indent: number;
  /** The line without its line break (and without a `\r` before it). */
  readonly text: string;
  /** Blank, or only a comment. */
  readonly empty: boolean;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    let end = nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end -= 1;
    const t = text.slice(start, end);
    let indent = 0;
    while (indent < t.length && t.charCodeAt(indent) === 32) indent++;
    lines.push({ start, indent, text: t, empty: indent === t.length || t.charCodeAt(indent) === 35 /* # */ });
    start = nl + 1;
  }
  return lines;
}

/** Build the outline of a text the fast parse accepted, or undefined when it is outside the block subset. */
export function blockOutline(text: string): Outline | undefined {
  if (text.includes('\t') || text.charCodeAt(0) === 0xfeff || /\r(?!\n)/.test(text)) return undefined;
  try {
    return new OutlineReader(splitLines(text)).document();
  } catch (e) {
    if (e instanceof Decline) return undefined;
    throw e;
  }
}

class OutlineReader {
  private i = 0;
  constructor(private readonly lines: readonly Line[]) {}

  document(): Outline {
    this.skipEmpty();
    const first = this.lines[this.i];
    if (first && first.indent === 0 && /^---(?:[ ]|$)/.test(first.text)) {
      if (!/^---[ ]*(?:#.*)?$/.test(first.text)) decline();
      this.i++;
      this.skipEmpty();
    }
    const line = this.lines[this.i];
    if (!line) return decline();
    const root = this.node(line.indent, -1, true);
    this.skipEmpty();
    if (this.i < this.lines.length) decline(); // anything left over (`...`, a less indented line) is not ours
    return { root };
  }

  private skipEmpty(): void {
    while (this.i < this.lines.length && this.lines[this.i]!.empty) this.i++;
  }

  /** The next line with content, without moving. */
  private peek(): Line | undefined {
    this.skipEmpty();
    return this.lines[this.i];
  }

  /**
   * The node that starts at column `col` of the current line, inside a parent indented by `parentIndent`.
   * `collections` is false right after `key:` on the same line, where a block collection cannot start.
   */
  private node(col: number, parentIndent: number, collections: boolean): OutlineNode {
    const line = this.lines[this.i]!;
    const rest = line.text.slice(col);
    if (/^-(?: |$)/.test(rest)) return collections ? this.sequence(col) : decline();
    if (keyAt(rest)) return collections ? this.mapping(col) : decline();
    const start = line.start + col;
    const c = rest[0];
    let node: OutlineNode;
    let after: number;
    if (c === '|' || c === '>') {
      if (!/^[|>][0-9+-]*[ ]*(?:#.*)?$/.test(rest)) decline();
      this.i++;
      this.skipBlockScalar(parentIndent);
      return { t: 'unknown' };
    } else if (c === '[' || c === '{') {
      after = flowEnd(rest);
      node = { t: 'flow', start };
    } else if (c === '"' || c === "'") {
      after = quotedEnd(rest);
      node = { t: 'scalar', start, end: start + after };
    } else if (c !== undefined && (',]}#&*!%@`'.includes(c) || ('-?:'.includes(c) && /^.(?: |$)/.test(rest)))) {
      return decline(); // an indicator; `-x`, `?x` and `:x` are plain scalars
    } else {
      after = plainEnd(rest);
      node = { t: 'scalar', start, end: start + after };
    }
    if (!/^[ ]*(?:[ ]#.*)?$/.test(rest.slice(after))) decline();
    this.i++;
    // A more indented line after a scalar continues it over several lines; leave that to yaml.
    const next = this.peek();
    if (next && next.indent > parentIndent) decline();
    return node;
  }

  /** Skip a block scalar's lines: blank ones and those indented more than its parent. */
  private skipBlockScalar(parentIndent: number): void {
    while (this.i < this.lines.length) {
      const l = this.lines[this.i]!;
      const blank = l.indent === l.text.length;
      if (!blank && l.indent <= parentIndent) break;
      this.i++;
    }
  }

  private mapping(indent: number): OutlineNode {
    const entries: MapEntry[] = [];
    const start = this.lines[this.i]!.start + indent;
    for (;;) {
      const line = this.lines[this.i]!;
      const key = keyAt(line.text.slice(indent));
      if (!key) return decline();
      const keyStart = line.start + indent;
      let value: OutlineNode;
      const valueCol = indent + key.valueAt;
      if (valueCol >= line.text.length || line.text.slice(valueCol).startsWith('#')) {
        this.i++;
        const next = this.peek();
        if (next && next.indent > indent) value = this.node(next.indent, indent, true);
        else if (next && next.indent === indent && /^-(?: |$)/.test(next.text.slice(indent))) value = this.sequence(indent);
        else value = { t: 'unknown' }; // an empty value: yaml gives it a position of its own
      } else {
        value = this.node(valueCol, indent, false);
      }
      entries.push({ key: key.key, keyStart, keyEnd: keyStart + key.keyLength, value });
      const next = this.peek();
      if (!next || next.indent < indent) break;
      if (next.indent > indent) decline();
    }
    return { t: 'map', start, entries };
  }

  private sequence(indent: number): OutlineNode {
    const items: OutlineNode[] = [];
    const start = this.lines[this.i]!.start + indent;
    for (;;) {
      const line = this.lines[this.i]!;
      const m = /^-([ ]*)/.exec(line.text.slice(indent))!;
      const itemCol = indent + 1 + m[1]!.length;
      if (itemCol >= line.text.length || line.text[itemCol] === '#') {
        this.i++;
        const next = this.peek();
        if (next && next.indent > indent) items.push(this.node(next.indent, indent, true));
        else items.push({ t: 'unknown' });
      } else {
        items.push(this.node(itemCol, indent, true));
      }
      const next = this.peek();
      if (!next || next.indent < indent) break;
      if (next.indent > indent) decline();
      if (!/^-(?: |$)/.test(next.text.slice(indent))) break; // a key of the mapping this sequence is the value of
    }
    return { t: 'seq', start, items };
  }
}

/**
 * A mapping key at the start of `s`: a plain key that reads as a string in the core schema, or a one-line
 * quoted key without escapes, followed by `:` and a space or the end of the line. `valueAt` is where the
 * value may start (after the spaces).
 */
function keyAt(s: string): { key: string; keyLength: number; valueAt: number } | undefined {
  let key: string;
  let keyLength: number;
  const c = s[0];
  if (c === '"' || c === "'") {
    const end = quotedEnd(s, false);
    if (end < 0) return undefined;
    const body = s.slice(1, end - 1);
    if (c === '"' && body.includes('\\')) return undefined;
    key = c === "'" ? body.replace(/''/g, "'") : body;
    keyLength = end;
    const colon = /^[ ]*:(?: |$)/.exec(s.slice(end));
    if (!colon) return undefined;
    return { key, keyLength, valueAt: end + colon[0].length + leadingSpaces(s, end + colon[0].length) };
  }
  const m = /^((?:[^\s\-?:,[\]{}#&*!|>'"%@`]|[-?:](?! |$))(?:[^:]|:(?! |$))*?)[ ]*:(?: |$)/.exec(s);
  if (!m) return undefined;
  key = m[1]!;
  // `a #b: c` holds a comment, `a,b` flow indicators and `{`..: leave every doubtful key to yaml.
  if (/[[\]{},]| #/.test(key) || !isCoreStringScalar(key)) return undefined;
  keyLength = key.length;
  return { key, keyLength, valueAt: m[0].length + leadingSpaces(s, m[0].length) };
}

function leadingSpaces(s: string, from: number): number {
  let n = 0;
  while (s.charCodeAt(from + n) === 32) n++;
  return n;
}

/** Length of the quoted scalar at the start of `s`, its quotes included; declines (or -1) if it does not close. */
function quotedEnd(s: string, strict = true): number {
  const q = s[0];
  for (let i = 1; i < s.length; i++) {
    if (q === '"' && s[i] === '\\') i++;
    else if (s[i] === q) {
      if (q === "'" && s[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return strict ? decline() : -1;
}

/** Length of a plain scalar at the start of `s`: up to a comment or the end of the line, trailing spaces excluded. */
function plainEnd(s: string): number {
  const comment = s.indexOf(' #');
  const body = comment < 0 ? s : s.slice(0, comment);
  // `a: b` inside a value is a nested mapping (an error), and `: ` or ` #` rules decide where yaml ends it.
  if (/:(?: |$)/.test(body)) decline();
  return body.replace(/[ ]+$/, '').length;
}

/** Length of a one-line flow collection at the start of `s`; declines if it does not close on this line. */
function flowEnd(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") {
      i += quotedEnd(s.slice(i)) - 1;
    } else if (c === '#' && s[i - 1] === ' ') {
      return decline();
    } else if (c === '[' || c === '{') {
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return decline();
}

/**
 * The offsets `source.ts` takes from a `yaml` document for this pointer (the node's start and value end, a
 * collection's start twice), or undefined where the outline does not know them. Mirrors `locateRange` there:
 * stop at the deepest node found, and point at the key when asked and there is one.
 */
export function locateInOutline(outline: Outline, segments: readonly string[], atKey: boolean): [number, number] | undefined {
  let node: OutlineNode = outline.root;
  let key: MapEntry | undefined;
  for (const seg of segments) {
    if (node.t === 'map') {
      const entry: MapEntry | undefined = node.entries.find((e) => e.key === seg);
      if (!entry) break;
      key = entry;
      node = entry.value;
    } else if (node.t === 'seq') {
      const item: OutlineNode | undefined = node.items[Number(seg)];
      if (item === undefined) break;
      key = undefined;
      node = item;
    } else if (node.t === 'flow' || node.t === 'unknown') {
      return undefined; // yaml may go further into a flow collection; an empty value has a position only yaml knows
    } else {
      break;
    }
  }
  if (atKey && key) return [key.keyStart, key.keyEnd];
  switch (node.t) {
    case 'map':
    case 'seq':
    case 'flow':
      return [node.start, node.start];
    case 'scalar':
      return [node.start, node.end];
    default:
      return undefined;
  }
}
