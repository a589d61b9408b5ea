import { isMap, isScalar, isSeq, parseAllDocuments, parseDocument, visit, type Document, type Node, type ToStringOptions, type YAMLMap } from 'yaml';
import { ValidationError } from '../errors.js';
import { isYaml11Ambiguous, YAML_OUTPUT_OPTIONS } from '../render/serialize.js';
import { parseYamlSource } from '../validate/source.js';
import { diffArrays } from 'diff';
import { merge3, splitLines } from './merge3.js';

/**
 * Comment-preserving edits of YAML files people own (eemeli/yaml's Document API): parse once, change nodes in
 * place, print with the project's serializer options and the file's own indentation. Comments, key order,
 * blank lines and the quoting of untouched scalars survive. Pure: text in, text out.
 */
export interface EditableYaml {
  readonly file: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  /** The document as plain data, before any edit. */
  readonly value: unknown;
  readonly style: YamlStyle;
  /** The document as the printer writes it before any edit: what the replay of an edit onto the text starts from. */
  readonly restyled: string;
}

/** How a file indents, so an edit does not reformat every line. */
export interface YamlStyle {
  readonly indent: number;
  /** Whether `- ` items sit deeper than their parent key (`key:\n  - a`) or level with it (`key:\n- a`). */
  readonly indentSeq: boolean;
}

/**
 * Parse a file for editing. A file with syntax errors, duplicate keys or several documents is refused with
 * the diagnostics (and their lines): editing a guess would make things worse.
 */
export function parseEditableYaml(text: string, file: string): EditableYaml {
  const checked = parseYamlSource(text, file);
  if (!checked.ok) {
    throw new ValidationError(`${file} cannot be edited until it parses; nothing was written.`, checked.diagnostics, new Map([[file, text]]));
  }
  // Parsed with LF line ends; `stringifyEditedYaml` puts a CRLF file's line ends back.
  const docs = parseAllDocuments(toLf(text), { uniqueKeys: true, keepSourceTokens: false });
  const doc = (Array.isArray(docs) ? docs[0] : docs) as Document.Parsed;
  const style = detectYamlStyle(text);
  return { file, text, doc, value: checked.source.value, style, restyled: withNewline(doc.toString(editOptions(style))) };
}

/** `singleQuote: null` keeps each untouched scalar's own quotes ('a' stays 'a'); new strings get double quotes. */
function editOptions(style: YamlStyle): ToStringOptions {
  return { ...YAML_OUTPUT_OPTIONS, singleQuote: null, indent: style.indent, indentSeq: style.indentSeq };
}

const withNewline = (t: string) => (t.endsWith('\n') ? t : t + '\n');

/**
 * Print an edited document with the project's serializer options and the file's indentation, then keep every
 * line the edit did not touch exactly as the file had it (spacing before comments, quoting, blank lines) and the
 * file's line ends (CRLF stays CRLF). Only the intended lines change.
 */
export function stringifyEditedYaml(edited: EditableYaml): string {
  const original = toLf(edited.text);
  const options = editOptions(edited.style);
  let out = edited.doc.toString(options);
  // The printer puts a blank line before a comment that ends the document; keep the file's own spacing.
  const trailing = edited.doc.comment;
  if (trailing) {
    const block = trailing.split('\n').map((l) => (l === '' ? '' : `#${l}`)).join('\n');
    if (out.endsWith(`\n\n${block}\n`) && !original.includes(`\n\n${block}`)) out = `${out.slice(0, -(block.length + 2))}${block}\n`;
  }
  out = keepUntouchedLines(original, out, options, { restyled: edited.restyled, value: edited.doc.toJS() });
  // Keep the file's line ending at the end (toString always ends with one newline).
  if (!(original.endsWith('\n') || original === '')) out = out.replace(/\n$/, '');
  return /\r\n/.test(edited.text) ? out.replace(/\n/g, '\r\n') : out;
}

/**
 * Printing a parsed document restyles lines no edit touched (one space before a comment, quotes, list
 * indentation). Replay only the edit onto the text as written: a line merge of (original re-printed -> original)
 * with (original re-printed -> edited). If that is not clean or does not mean the same as the edited text, the
 * edited text is used as printed: correct, just less faithful to the user's layout. Both texts use LF; `known`
 * gives what the caller has already computed: the original as printed, and the edited text's value.
 */
export function keepUntouchedLines(original: string, editedText: string, options: ToStringOptions, known: { readonly restyled?: string; readonly value?: unknown } = {}): string {
  // What the caller already has (the original as printed, the edited value) saves parsing a large file again.
  const edited = withNewline(editedText);
  const restyled = known.restyled ?? withNewline(parseDocument(original).toString(options));
  if (restyled === original) return edited;
  const want = JSON.stringify(known.value !== undefined ? known.value : parseDocument(edited).toJS());
  // The validators' parser (several times faster than the Document API on a large file); where the two would
  // ever disagree, the check fails and the printed edit is used, which is correct either way.
  const means = (t: string) => {
    const d = parseYamlSource(t, 'edited');
    return d.ok && JSON.stringify(d.source.value) === want;
  };
  // Usually the printer restyles lines in place (a comment's spacing, quotes): then every printed line the edit
  // kept is swapped for the line as written, and an insertion next to a restyled line is no conflict.
  const inPlace = replayInPlace(restyled, original, edited);
  if (inPlace !== undefined && means(inPlace)) return inPlace;
  const replay = merge3(restyled, original, edited);
  return replay.conflicts === 0 && means(replay.text) ? replay.text : edited;
}

function replayInPlace(restyled: string, original: string, edited: string): string | undefined {
  const r = splitLines(restyled);
  const o = splitLines(original);
  if (r.length !== o.length) return undefined;
  let at = 0;
  let replaced: { from: number; count: number } | undefined;
  const out: string[] = [];
  for (const part of diffArrays(r, splitLines(edited))) {
    if (part.added) {
      // A changed line (removed then added, one for one) keeps the spacing before its trailing comment.
      part.value.forEach((line, k) => out.push(replaced && part.value.length === replaced.count ? keepCommentGap(r[replaced.from + k]!, o[replaced.from + k]!, line) : line));
      replaced = undefined;
    } else {
      if (!part.removed) for (let k = 0; k < part.value.length; k++) out.push(o[at + k]!);
      replaced = part.removed ? { from: at, count: part.value.length } : undefined;
      at += part.value.length;
    }
  }
  return out.join('');
}

/** `edited` with the run of spaces `original` had before the trailing comment the printer wrote as ` #...`. */
function keepCommentGap(printed: string, original: string, edited: string): string {
  const i = printed.lastIndexOf(' #');
  if (i < 0) return edited;
  const comment = printed.slice(i + 1);
  if (!edited.endsWith(` ${comment}`) || !original.endsWith(comment)) return edited;
  const gap = /\s+$/.exec(original.slice(0, original.length - comment.length))?.[0];
  return gap ? `${edited.slice(0, edited.length - comment.length - 1)}${gap}${comment}` : edited;
}

/**
 * A node for a value an edit writes: every string a YAML 1.1 reader would read as something else (`yes`, `on`,
 * `0755`) is double-quoted, the rule the renderers follow (`isYaml11Ambiguous`).
 */
export function createEditNode(doc: Document, value: unknown): Node {
  const node = doc.createNode(value) as Node;
  visit(node, {
    Scalar(_key, scalar) {
      if (typeof scalar.value === 'string' && isYaml11Ambiguous(scalar.value)) scalar.type = 'QUOTE_DOUBLE';
    },
  });
  return node;
}

/**
 * Set `key` of a mapping to a scalar value. An existing scalar keeps its style and comment (only its value
 * moves), except that a plain one is double-quoted when the new value would be misread by a YAML 1.1 reader.
 */
export function setEditScalar(doc: Document, map: YAMLMap, key: string, value: string): void {
  const current = map.get(key, true);
  if (isScalar(current)) {
    current.value = value;
    if ((current.type === undefined || current.type === 'PLAIN') && isYaml11Ambiguous(value)) current.type = 'QUOTE_DOUBLE';
    return;
  }
  map.set(key, createEditNode(doc, value));
}

function toLf(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

/** Guess the indentation from the first nested key and the first list under a key. Defaults: 2, indented lists. */
export function detectYamlStyle(text: string): YamlStyle {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !/^\s*#/.test(l));
  let indent = 2;
  let indentSeq = true;
  let indentFound = false;
  let seqFound = false;
  for (let i = 1; i < lines.length && !(indentFound && seqFound); i++) {
    const prev = lines[i - 1]!;
    const line = lines[i]!;
    // Only a line that opens a block (ends with ":") says how deep its children sit.
    if (!/:\s*(#.*)?$/.test(prev)) continue;
    const prevIndent = prev.length - prev.trimStart().length + (/^\s*- /.test(prev) ? 2 : 0);
    const lineIndent = line.length - line.trimStart().length;
    if (/^\s*- /.test(line) || /^\s*-$/.test(line)) {
      if (!seqFound) {
        seqFound = true;
        indentSeq = lineIndent > prevIndent;
      }
      if (!indentFound && lineIndent > prevIndent) {
        indentFound = true;
        indent = lineIndent - prevIndent;
      }
    } else if (!indentFound && lineIndent > prevIndent) {
      indentFound = true;
      indent = lineIndent - prevIndent;
    }
  }
  return { indent: Math.min(Math.max(indent, 1), 8), indentSeq };
}

/** The root must be a mapping for key-based edits; say so with the line when it is a list or a scalar. */
export function requireRootMap(edited: EditableYaml, what: string): void {
  const root = edited.doc.contents;
  if (isMap(root)) return;
  const found = isSeq(root) ? 'a list' : 'a single value';
  throw new ValidationError(`${edited.file} is not ${what}: its top level is ${found}, not a mapping of keys. Nothing was written.`, [
    {
      code: 'YAML-NOT-A-MAPPING',
      severity: 'error',
      message: `The top level of the file is ${found}; ${what} is a mapping (key: value lines).`,
      file: edited.file,
      line: 1,
      col: 1,
    },
  ], new Map([[edited.file, edited.text]]));
}
