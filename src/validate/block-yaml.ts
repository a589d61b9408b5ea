import { isCoreStringScalar, resolveCoreScalar } from './core-scalars.js';
import { MAX_YAML_DEPTH } from './yaml-limits.js';

/**
 * A parser for plain block YAML - the YAML people write for workflows, devfiles and buildspecs: block mappings
 * and sequences, one-line plain and quoted scalars, literal and folded block scalars, one-line flow sequences,
 * comments. It gives the value `yaml` gives (YAML 1.2, core schema) and, in the same pass, an outline of where
 * each node is, so a file with findings needs no second parse for their lines and columns.
 *
 * It declines (undefined) as soon as it meets anything else: tabs, anchors, aliases, tags, directives,
 * explicit or complex keys, keys that are not plain strings, duplicate keys, escapes in double quotes,
 * scalars over several lines, flow mappings, indentation indicators, `...`, syntax errors, nesting deeper than
 * MAX_YAML_DEPTH (it recurses once per level; `yaml` refuses such files with their line). A declined text
 * goes to `yaml` (`source.ts`), so declining costs only speed; a wrong value would not, which is
 * why everything doubtful declines. `test/perf/block-yaml.test.ts` checks values and positions against `yaml`.
 */

export type OutlineNode =
  | { readonly t: 'map'; readonly start: number; readonly entries: readonly MapEntry[] }
  | { readonly t: 'seq'; readonly start: number; readonly items: readonly OutlineNode[] }
  | { readonly t: 'scalar'; readonly start: number; readonly end: number }
  /** A flow collection: its start is known, what is inside it is not. */
  | { readonly t: 'flow'; readonly start: number }
  /** An empty value: `yaml` gives it a position of its own, which the outline does not know. */
  | { readonly t: 'empty' };

export interface MapEntry {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly node: OutlineNode;
}

export interface BlockParse {
  readonly value: unknown;
  readonly root: OutlineNode;
}

/** Thrown (a shared object, no stack to build) when the text is outside the subset. */
const DECLINE = { declined: true };
const decline = (): never => {
  throw DECLINE;
};

/** Characters flagged in a table indexed by char code (ASCII only). */
function charTable(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  return t;
}
const has = (table: Uint8Array, code: number) => code < 128 && table[code] === 1;
/** Indicators a plain scalar cannot start with (`-?:` can, before a non-space). */
const NOT_PLAIN_START = charTable(',[]{}#&*!|>%@`\'"');
/** `-?:`: indicators before a space, plain characters otherwise. */
const MAYBE_INDICATOR = charTable('-?:');
/** Where a plain scalar in a flow sequence ends. */
const FLOW_PLAIN_END = charTable(',[]{}#:');

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;

export function parseBlockYaml(text: string): BlockParse | undefined {
  if (text.length === 0 || text.charCodeAt(0) === 0xfeff || text.includes('\t')) return undefined;
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return undefined; // a lone CR breaks lines for yaml
  try {
    return new Reader(text).document();
  } catch (e) {
    if (e === DECLINE) return undefined;
    throw e;
  }
}

class Reader {
  /** Offset of each line's first character. */
  private readonly starts: number[] = [];
  /** Offset of each line's end (its `\n`, or a `\r` before it, or the end of the text). */
  private readonly ends: number[] = [];
  /** Leading spaces of each line. */
  private readonly indents: number[] = [];
  /** Whether each line is blank or only a comment. */
  private readonly empties: boolean[] = [];
  /** The current line. */
  private i = 0;
  /** The value of the node just read (returned beside its outline node, to allocate no pairs). */
  private value: unknown;
  /** Collections open around the node being read: past MAX_YAML_DEPTH, `yaml` says where and why. */
  private depth = 0;

  constructor(private readonly text: string) {
    let start = 0;
    const n = text.length;
    while (start <= n) {
      let nl = text.indexOf('\n', start);
      if (nl < 0) nl = n;
      let end = nl;
      if (end > start && text.charCodeAt(end - 1) === 13) end -= 1;
      let p = start;
      while (p < end && text.charCodeAt(p) === SPACE) p++;
      this.starts.push(start);
      this.ends.push(end);
      this.indents.push(p - start);
      this.empties.push(p === end || text.charCodeAt(p) === HASH);
      start = nl + 1;
    }
  }

  document(): BlockParse {
    this.skipEmpty();
    if (this.i < this.starts.length && this.indents[this.i] === 0 && this.text.startsWith('---', this.starts[this.i]!)) {
      const after = this.starts[this.i]! + 3;
      if (after < this.ends[this.i]! && this.text.charCodeAt(after) !== SPACE) decline(); // `---x` is a scalar
      if (this.restIsBlank(after)) this.i++;
      else decline(); // content on the `---` line
      this.skipEmpty();
    }
    if (this.i >= this.starts.length) decline(); // no content: yaml says what kind of empty
    const root = this.node(this.starts[this.i]! + this.indents[this.i]!, -1, true);
    const value = this.value;
    this.skipEmpty();
    if (this.i < this.starts.length) decline(); // `...`, or a line indented less than the root
    if (value === null) decline(); // a null document: leave yaml to say so
    return { value, root };
  }

  private skipEmpty(): void {
    while (this.i < this.starts.length && this.empties[this.i]) this.i++;
  }

  /** Spaces, then nothing or a comment, from `p` to the end of the current line. */
  private restIsBlank(p: number): boolean {
    const end = this.ends[this.i]!;
    const from = p;
    while (p < end && this.text.charCodeAt(p) === SPACE) p++;
    return p === end || (this.text.charCodeAt(p) === HASH && p > from);
  }

  private isEntry(p: number, end: number): boolean {
    return this.text.charCodeAt(p) === DASH && (p + 1 === end || this.text.charCodeAt(p + 1) === SPACE);
  }

  /**
   * The node at offset `p` of the current line, in a parent indented by `parentIndent`. `collections` is false
   * right after `key:` on the same line, where no block collection can start.
   */
  private node(p: number, parentIndent: number, collections: boolean): OutlineNode {
    const text = this.text;
    const end = this.ends[this.i]!;
    const col = p - this.starts[this.i]!;
    if (this.isEntry(p, end)) return collections ? this.sequence(col) : decline();
    const c = text.charCodeAt(p);
    if (c === 124 /* | */ || c === 62 /* > */) return this.blockScalar(p, parentIndent);
    let node: OutlineNode;
    let after: number;
    if (c === 34 /* " */ || c === 39 /* ' */) {
      after = quotedEnd(text, p, end);
      if (after < 0) decline();
      const k = this.keyAfter(after, end);
      if (k >= 0) return collections ? this.mapping(col) : decline();
      this.value = unquote(text, p, after);
      node = { t: 'scalar', start: p, end: after };
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (this.depth >= MAX_YAML_DEPTH) decline();
      after = this.flow(p, end);
      node = { t: 'flow', start: p };
    } else {
      if (has(NOT_PLAIN_START, c)) decline(); // an indicator
      if (has(MAYBE_INDICATOR, c) && (p + 1 === end || text.charCodeAt(p + 1) === SPACE)) decline();
      const colon = plainColon(text, p, end);
      if (colon >= 0) return collections ? this.mapping(col) : decline(); // `key: value` (or `a: b: c`, an error)
      after = plainEnd(text, p, end);
      this.value = resolveCoreScalar(text.slice(p, after));
      node = { t: 'scalar', start: p, end: after };
    }
    if (!this.restIsBlank(after)) decline();
    this.i++;
    this.skipEmpty();
    // A more indented line after a one-line node would continue it over several lines: leave that to yaml.
    if (this.i < this.starts.length && this.indents[this.i]! > parentIndent) decline();
    return node;
  }

  /** After a quoted scalar ending at `after`: the offset of its `:` when it is a key, else -1. */
  private keyAfter(after: number, end: number): number {
    let q = after;
    while (q < end && this.text.charCodeAt(q) === SPACE) q++;
    if (q < end && this.text.charCodeAt(q) === COLON) {
      if (q + 1 === end || this.text.charCodeAt(q + 1) === SPACE) return q;
      decline(); // `"a":b`
    }
    return -1;
  }

  private mapping(indent: number): OutlineNode {
    if (++this.depth > MAX_YAML_DEPTH) decline();
    const text = this.text;
    const entries: MapEntry[] = [];
    const obj: Record<string, unknown> = {};
    const start = this.starts[this.i]! + indent;
    for (;;) {
      const lineStart = this.starts[this.i]!;
      const end = this.ends[this.i]!;
      const p = lineStart + indent;
      // The key: quoted without escapes, or plain and a string in the core schema.
      let key: string;
      let keyEnd: number;
      let colon: number;
      const c = text.charCodeAt(p);
      if (c === 34 || c === 39) {
        keyEnd = quotedEnd(text, p, end);
        if (keyEnd < 0) decline();
        colon = this.keyAfter(keyEnd, end);
        if (colon < 0) decline();
        key = unquote(text, p, keyEnd);
      } else {
        if (has(NOT_PLAIN_START, c) || (has(MAYBE_INDICATOR, c) && (p + 1 === end || text.charCodeAt(p + 1) === SPACE))) decline();
        colon = plainColon(text, p, end);
        if (colon < 0) decline();
        keyEnd = colon;
        while (keyEnd > p && text.charCodeAt(keyEnd - 1) === SPACE) keyEnd--;
        key = text.slice(p, keyEnd);
        if (!isCoreStringScalar(key)) decline();
      }
      if (key === '__proto__' || Object.prototype.hasOwnProperty.call(obj, key)) decline(); // yaml reports duplicates
      let v = colon + 1;
      while (v < end && text.charCodeAt(v) === SPACE) v++;
      let node: OutlineNode;
      if (v === end || text.charCodeAt(v) === HASH) {
        if (v < end && v === colon + 1) decline(); // `a:#b`
        this.i++;
        this.skipEmpty();
        const next = this.i;
        if (next < this.starts.length && this.indents[next]! > indent) {
          node = this.node(this.starts[next]! + this.indents[next]!, indent, true);
        } else if (next < this.starts.length && this.indents[next] === indent && this.isEntry(this.starts[next]! + indent, this.ends[next]!)) {
          node = this.sequence(indent); // a sequence may sit at its key's indentation
        } else {
          this.value = null;
          node = { t: 'empty' };
        }
      } else {
        node = this.node(v, indent, false);
      }
      obj[key] = this.value;
      entries.push({ key, keyStart: p, keyEnd, node });
      if (this.i >= this.starts.length || this.indents[this.i]! < indent) break;
      if (this.indents[this.i]! > indent) decline();
    }
    this.value = obj;
    this.depth--;
    return { t: 'map', start, entries };
  }

  private sequence(indent: number): OutlineNode {
    if (++this.depth > MAX_YAML_DEPTH) decline();
    const items: OutlineNode[] = [];
    const arr: unknown[] = [];
    const start = this.starts[this.i]! + indent;
    for (;;) {
      const end = this.ends[this.i]!;
      let p = this.starts[this.i]! + indent + 1;
      while (p < end && this.text.charCodeAt(p) === SPACE) p++;
      let node: OutlineNode;
      if (p === end || this.text.charCodeAt(p) === HASH) {
        this.i++;
        this.skipEmpty();
        if (this.i < this.starts.length && this.indents[this.i]! > indent) {
          node = this.node(this.starts[this.i]! + this.indents[this.i]!, indent, true);
        } else {
          this.value = null;
          node = { t: 'empty' };
        }
      } else {
        node = this.node(p, indent, true);
      }
      arr.push(this.value);
      items.push(node);
      if (this.i >= this.starts.length || this.indents[this.i]! < indent) break;
      if (this.indents[this.i]! > indent) decline();
      if (!this.isEntry(this.starts[this.i]! + indent, this.ends[this.i]!)) break; // the next key of the mapping holding it
    }
    this.value = arr;
    this.depth--;
    return { t: 'seq', start, items };
  }

  /** `|` or `>`, with `-` or nothing after it; its lines are those after, blank or indented more than the parent. */
  private blockScalar(p: number, parentIndent: number): OutlineNode {
    const text = this.text;
    const folded = text.charCodeAt(p) === 62;
    let q = p + 1;
    const strip = text.charCodeAt(q) === DASH;
    if (strip) q++;
    if (!this.restIsBlank(q) || (q < this.ends[this.i]! && text.charCodeAt(q) !== SPACE)) decline(); // `+`, an indentation indicator
    this.i++;
    const first = this.i;
    // The first line sets the indentation; leading blank lines (and no lines) are left to yaml.
    if (first >= this.starts.length || this.indents[first]! <= parentIndent || this.starts[first]! + this.indents[first]! === this.ends[first]) decline();
    const indent = this.indents[first]!;
    const lines: string[] = [];
    let lastContent = first;
    while (this.i < this.starts.length) {
      const s = this.starts[this.i]!;
      const e = this.ends[this.i]!;
      const ind = this.indents[this.i]!;
      const blank = s + ind === e;
      if (blank) {
        if (ind > indent) decline(); // spaces past the indentation are content; leave that to yaml
        lines.push('');
      } else {
        if (ind <= parentIndent) break;
        if (ind < indent) decline();
        if (folded && ind > indent) decline(); // more indented lines fold differently
        lines.push(text.slice(s + indent, e));
        lastContent = this.i;
      }
      this.i++;
    }
    // Blank lines after the last content line belong to the chomping, and then to nobody.
    this.i = lastContent + 1;
    lines.length = lastContent - first + 1;
    let body = '';
    if (folded) {
      for (let k = 0; k < lines.length; k++) {
        const line = lines[k]!;
        if (k === 0) body = line;
        else if (line === '') body += '\n';
        else body += lines[k - 1] === '' ? line : ` ${line}`;
      }
    } else {
      body = lines.join('\n');
    }
    this.value = strip ? body : `${body}\n`;
    this.skipEmpty();
    const endOffset = lastContent + 1 < this.starts.length ? this.starts[lastContent + 1]! : text.length;
    return { t: 'scalar', start: p, end: endOffset };
  }

  /** A one-line flow sequence of scalars, or `[]` or `{}`; the offset just after it. */
  private flow(p: number, end: number): number {
    const text = this.text;
    if (text.charCodeAt(p) === 123) {
      let q = p + 1;
      while (q < end && text.charCodeAt(q) === SPACE) q++;
      if (text.charCodeAt(q) !== 125) decline(); // a flow mapping with content
      this.value = {};
      return q + 1;
    }
    const arr: unknown[] = [];
    let q = p + 1;
    for (;;) {
      while (q < end && text.charCodeAt(q) === SPACE) q++;
      if (q >= end) decline();
      if (text.charCodeAt(q) === 93 /* ] */ && arr.length === 0) break;
      const c = text.charCodeAt(q);
      if (c === 34 || c === 39) {
        const after = quotedEnd(text, q, end);
        if (after < 0) decline();
        arr.push(unquote(text, q, after));
        q = after;
      } else {
        let r = q;
        while (r < end && !has(FLOW_PLAIN_END, text.charCodeAt(r))) r++;
        let e = r;
        while (e > q && text.charCodeAt(e - 1) === SPACE) e--;
        if (e === q || '&*!|>%@`\'"?-'.includes(text[q]!)) decline(); // empty entries and indicators
        arr.push(resolveCoreScalar(text.slice(q, e)));
        q = r;
      }
      while (q < end && text.charCodeAt(q) === SPACE) q++;
      const sep = text.charCodeAt(q);
      if (sep === 93) break;
      if (sep !== 44 /* , */) decline();
      q++;
    }
    this.value = arr;
    return q + 1;
  }
}

/** Offset just after the quoted scalar starting at `p` (its closing quote), or -1 if it does not close on this line. */
function quotedEnd(text: string, p: number, end: number): number {
  const q = text.charCodeAt(p);
  for (let i = p + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (q === 34 && c === 92 /* \ */) i++;
    else if (c === q) {
      if (q === 39 && text.charCodeAt(i + 1) === 39) i++;
      else return i + 1;
    }
  }
  return -1;
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};
const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/** The value of the one-line quoted scalar from `p` to `end` (its quotes included); declines an escape yaml would reject. */
function unquote(text: string, p: number, end: number): string {
  const body = text.slice(p + 1, end - 1);
  if (text.charCodeAt(p) === 39) return body.includes("'") ? body.replace(/''/g, "'") : body;
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i]!;
    const simple = ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const digits = HEX_DIGITS[e];
    const hex = digits === undefined ? '' : body.slice(i + 1, i + 1 + digits);
    if (digits === undefined || hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) return decline();
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) decline();
    out += String.fromCodePoint(code);
    i += digits;
  }
  return out;
}

/** The first `:` followed by a space or the end of the line before any comment, or -1. */
function plainColon(text: string, p: number, end: number): number {
  for (let i = p; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE)) return i;
    if (c === HASH && text.charCodeAt(i - 1) === SPACE) return -1;
  }
  return -1;
}

/** End of a plain scalar starting at `p`: before a comment or the end of the line, trailing spaces excluded. */
function plainEnd(text: string, p: number, end: number): number {
  let e = end;
  for (let i = p + 1; i < end; i++) {
    if (text.charCodeAt(i) === HASH && text.charCodeAt(i - 1) === SPACE) {
      e = i;
      break;
    }
  }
  while (e > p && text.charCodeAt(e - 1) === SPACE) e--;
  return e;
}

/**
 * The offsets `source.ts` takes from a `yaml` document for this pointer (the node's start and value end, a
 * collection's start twice), or undefined where the outline does not know them. Mirrors `locateRange` there:
 * stop at the deepest node found, and point at the key when asked and there is one.
 */
export function locateInOutline(root: OutlineNode, segments: readonly string[], atKey: boolean): [number, number] | undefined {
  let node: OutlineNode = root;
  let key: MapEntry | undefined;
  for (const seg of segments) {
    if (node.t === 'map') {
      const entry: MapEntry | undefined = node.entries.find((e) => e.key === seg);
      if (!entry) break;
      key = entry;
      node = entry.node;
    } else if (node.t === 'seq') {
      const item: OutlineNode | undefined = node.items[Number(seg)];
      if (item === undefined) break;
      key = undefined;
      node = item;
    } else if (node.t === 'flow' || node.t === 'empty') {
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
