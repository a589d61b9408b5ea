import { createRequire } from 'node:module';
import type { Document, LineCounter, Node } from 'yaml';
import { fromPointer, type Diagnostic, type Finding } from '../model/diagnostic.js';
import { locateInOutline, parseBlockYaml, type OutlineNode } from './block-yaml.js';
import { tagFindings } from './yaml-tags.js';
import { explainBadIndent } from './yaml-indent.js';
import { checkYamlAliases, scanYamlTokens, type YamlLimitProblem } from './yaml-limits.js';

/**
 * `yaml` (eemeli/yaml) keeps positions and reports errors precisely but parses about ten times slower than a
 * parser that does not. So `parseYamlSource` tries the block parser first (`block-yaml.ts`), which reads the plain
 * block YAML most files are written in and records where each node is; `yaml` parses only what it declines (a
 * js-yaml tier between the two was removed: it paid on no run users make, BENCHMARKS.md). Required lazily so a
 * run over files the block parser reads never loads it.
 */
const requireLib = createRequire(import.meta.url);
let yamlLib: typeof import('yaml') | undefined;
function yaml(): typeof import('yaml') {
  return (yamlLib ??= requireLib('yaml') as typeof import('yaml'));
}

/** A position in a text file, 1-based. */
export interface Position {
  readonly line: number;
  readonly col: number;
  readonly endLine?: number;
  readonly endCol?: number;
}

/**
 * A parsed YAML or JSON file that can say where a JSON pointer sits in its text.
 * Validators work on `value`; only findings need `locate`, so it is computed on demand.
 */
export interface SourceFile {
  readonly file: string;
  readonly text: string;
  readonly value: unknown;
  locate(pointer: string, atKey?: boolean): Position | undefined;
}

export type ParseResult =
  | { readonly ok: true; readonly source: SourceFile; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Parse YAML (JSON is a subset) keeping positions. Duplicate keys, syntax errors and several documents
 * in one file are errors with the line they are on; the file is then not validated further, because
 * every later message would be about a guess. So is what a hostile file asks for (`yaml-limits.ts`): nesting
 * past MAX_YAML_DEPTH, aliases past their limits or before their anchor, and tags that make loaders run code
 * (`yaml-tags.ts`; other tags are warnings).
 */
export function parseYamlSource(text: string, file: string): ParseResult {
  const block = parseBlockYaml(text);
  if (block) return { ok: true, source: lazySourceFile(file, text, block.value, block.root), diagnostics: [] };
  return parseYamlSourceWithPositions(text, file);
}

/**
 * The position-aware parse: what `parseYamlSource` gives when the fast parse declines (syntax errors,
 * duplicate keys, several or no documents, anchors, tags...). Also the reference the fast path is tested against.
 */
export function parseYamlSourceWithPositions(text: string, file: string): ParseResult {
  const conflict = conflictMarkers(text, file);
  if (conflict) return { ok: false, diagnostics: [conflict] };
  const lib = yaml();
  const lineCounter = new lib.LineCounter();
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const problem = (p: YamlLimitProblem): Diagnostic => ({ code: p.code, severity: 'error', message: p.message, fix: p.fix, file, ...at(p.offset) });
  // parseAllDocuments in two steps: the tokens (read without recursion) are checked for depth before the
  // composer, which recurses once per level, ever sees them.
  const tokens = Array.from(new lib.Parser(lineCounter.addNewLine).parse(text));
  const scan = scanYamlTokens(tokens);
  if (scan.tooDeep) return { ok: false, diagnostics: [problem(scan.tooDeep)] };
  const list = Array.from(new lib.Composer({ uniqueKeys: true, keepSourceTokens: false }).compose(tokens));
  const diagnostics: Diagnostic[] = [];
  for (const doc of list) {
    for (const err of doc.errors) {
      // A wrong indentation is reported where the parser noticed it; say which line started the wrong block.
      const indent = err.code === 'BAD_INDENT' ? explainBadIndent(text, at(err.pos[0]).line) : undefined;
      if (indent) {
        diagnostics.push({ code: 'YAML-SYNTAX', severity: 'error', message: indent.message, fix: indent.fix, file, line: indent.line, col: indent.col });
        continue;
      }
      const duplicate = err.code === 'DUPLICATE_KEY';
      const dup = duplicate ? duplicateKeyAt(doc, err.pos[0]) : undefined;
      diagnostics.push({
        code: duplicate ? 'YAML-DUPLICATE-KEY' : 'YAML-SYNTAX',
        severity: 'error',
        message: duplicate
          ? `${dup ? `Key ${JSON.stringify(dup.key)} appears twice in this mapping (first on line ${at(dup.first).line})` : 'This key appears twice in the same mapping'}; YAML allows each key once and tools disagree on which copy wins.`
          : `The file is not valid YAML: ${firstLine(err.message)}.`,
        fix: duplicate ? 'Remove or rename one of the two keys.' : undefined,
        file,
        ...at(err.pos[0]),
      });
    }
  }
  if (list.length > 1) {
    const second = list[1]!;
    diagnostics.push({
      code: 'YAML-MULTI-DOCUMENT',
      severity: 'error',
      message: `The file holds ${list.length} YAML documents; it must hold exactly one.`,
      fix: 'Remove the "---" separator and the extra document, or split it into its own file.',
      file,
      ...at(second.range[0]),
    });
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  const doc = list[0];
  if (!doc || doc.contents === null) {
    return {
      ok: false,
      diagnostics: [{ code: 'YAML-EMPTY', severity: 'error', message: 'The file is empty.', file, line: 1, col: 1 }],
    };
  }
  const aliasProblems = checkYamlAliases(doc, lib);
  if (aliasProblems.length > 0) return { ok: false, diagnostics: aliasProblems.map(problem) };
  // A tag that makes loaders build objects or run code is refused like a syntax error; other tags are warned about.
  const tags = tagFindings(scan.tags, doc, file, at);
  if (tags.some((d) => d.severity === 'error')) return { ok: false, diagnostics: tags };
  // checkYamlAliases has applied yaml's own alias guard (and more); yaml's would scan the document again per alias.
  const value = doc.toJS({ maxAliasCount: -1 }) as unknown;
  return { ok: true, source: yamlSourceFile(file, text, doc, lineCounter, value), diagnostics: tags };
}

/** The key of a duplicate-key error at `offset` and the offset of its first occurrence in the same mapping. */
function duplicateKeyAt(doc: Document, offset: number): { key: string; first: number } | undefined {
  const { isMap, isScalar, visit } = yaml();
  let found: { key: string; first: number } | undefined;
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return undefined;
      const i = map.items.findIndex((p) => isScalar(p.key) && p.key.range?.[0] === offset);
      if (i < 0) return undefined;
      const key = (map.items[i]!.key as { value: unknown }).value;
      const first = map.items.slice(0, i).find((p) => isScalar(p.key) && p.key.value === key)?.key as Node | undefined;
      if (first?.range) found = { key: String(key), first: first.range[0] };
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * A source parsed by a fast path. `locate` answers from the outline the block parser recorded (`block-yaml.ts`)
 * when it can, and otherwise builds the position-aware document on first use; either way the fast value equals
 * what `yaml` would give, so pointers land on the same nodes. Should `yaml` reject a text a fast parser
 * accepted (none is known; test/perf/fast-parse.test.ts looks for them), findings keep their messages and lose
 * only their positions.
 */
function lazySourceFile(file: string, text: string, value: unknown, outline: OutlineNode | undefined): SourceFile {
  let positions: { doc: Document; lc: LineCounter } | null | undefined;
  let lines: LineStarts | undefined;
  return {
    file,
    text,
    value,
    locate(pointer, atKey = false) {
      const range = outline ? locateInOutline(outline, fromPointer(pointer), atKey) : undefined;
      if (range) return toPosition(range, (lines ??= new LineStarts(text)));
      if (positions === undefined) {
        const { LineCounter, parseDocument } = yaml();
        const lc = new LineCounter();
        const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
        positions = doc.errors.length === 0 ? { doc, lc } : null;
      }
      return positions ? locateIn(positions.doc, positions.lc, pointer, atKey) : undefined;
    },
  };
}

/** 1-based line and column of an offset, counted as `yaml`'s LineCounter counts them (a line starts after each `\n`). */
class LineStarts {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  linePos(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.starts[lo]! + 1 };
  }
}

function toPosition(range: readonly [number, number], lc: { linePos(offset: number): { line: number; col: number } }): Position {
  const start = lc.linePos(range[0]);
  const end = lc.linePos(Math.max(range[0], range[1]));
  return { line: start.line, col: start.col, endLine: end.line, endCol: end.col };
}

function locateIn(doc: Document, lc: LineCounter, pointer: string, atKey: boolean): Position | undefined {
  const range = locateRange(doc, pointer, atKey);
  return range ? toPosition(range, lc) : undefined;
}

function yamlSourceFile(file: string, text: string, doc: Document, lc: LineCounter, value: unknown): SourceFile {
  return {
    file,
    text,
    value,
    locate(pointer, atKey = false) {
      return locateIn(doc, lc, pointer, atKey);
    },
  };
}

/** Walk the document along the pointer; when a segment is missing, stop at the deepest node found. */
function locateRange(doc: Document, pointer: string, atKey: boolean): [number, number] | undefined {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const seg of fromPointer(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value ?? pair.key;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) break;
      keyNode = undefined;
      node = item;
    } else {
      break;
    }
  }
  const target = (atKey && keyNode ? keyNode : node) as Node | undefined;
  const r = target?.range;
  if (!r) return undefined;
  // A collection's range covers all its children; point at its first line only.
  return isMap(target) || isSeq(target) ? [r[0], r[0]] : [r[0], r[1]];
}

/**
 * A file left with merge conflict markers (by git, or by `catalyst-gen update`) is not YAML; say that once,
 * at the first marker, instead of a cascade of syntax errors.
 */
function conflictMarkers(text: string, file: string): Diagnostic | undefined {
  const m = /^<{7}(?: |$)/m.exec(text);
  if (!m || !/^>{7}(?: |$)/m.test(text)) return undefined;
  const line = text.slice(0, m.index).split('\n').length;
  return {
    code: 'YAML-CONFLICT-MARKERS',
    severity: 'error',
    message: 'The file has unresolved merge conflict markers (<<<<<<< ... ======= ... >>>>>>>).',
    fix: 'Keep the lines you want between the markers, delete the marker lines, then validate again.',
    file,
    line,
    col: 1,
  };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/\.$/, '');
}

/** Tie pure findings to the file and the positions they point at. */
export function attachFindings(findings: readonly Finding[], source: SourceFile): Diagnostic[] {
  return findings.map((f) => {
    const pos = source.locate(f.pointer, f.atKey);
    const d: Diagnostic = {
      code: f.code,
      severity: f.severity,
      message: f.message,
      ...(f.fix ? { fix: f.fix } : {}),
      file: source.file,
      pointer: f.pointer,
      ...(pos ?? {}),
    };
    return d;
  });
}
