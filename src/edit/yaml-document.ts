import { isMap, isSeq, parseAllDocuments, type Document, type ToStringOptions } from 'yaml';
import { ValidationError } from '../errors.js';
import { YAML_OUTPUT_OPTIONS } from '../render/serialize.js';
import { parseYamlSource } from '../validate/source.js';

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
  const docs = parseAllDocuments(text, { uniqueKeys: true, keepSourceTokens: false });
  const doc = (Array.isArray(docs) ? docs[0] : docs) as Document.Parsed;
  return { file, text, doc, value: checked.source.value, style: detectYamlStyle(text) };
}

/** Print an edited document with the project's serializer options and the file's indentation. */
export function stringifyEditedYaml(edited: EditableYaml): string {
  // `singleQuote: null` keeps each untouched scalar's own quotes ('a' stays 'a'); new strings get double quotes.
  const options: ToStringOptions = { ...YAML_OUTPUT_OPTIONS, singleQuote: null, indent: edited.style.indent, indentSeq: edited.style.indentSeq };
  let out = edited.doc.toString(options);
  // The printer puts a blank line before a comment that ends the document; keep the file's own spacing.
  const trailing = edited.doc.comment;
  if (trailing) {
    const block = trailing.split('\n').map((l) => (l === '' ? '' : `#${l}`)).join('\n');
    if (out.endsWith(`\n\n${block}\n`) && !edited.text.includes(`\n\n${block}`)) out = `${out.slice(0, -(block.length + 2))}${block}\n`;
  }
  // Keep the file's line ending at the end (toString always ends with one newline).
  return edited.text.endsWith('\n') || edited.text === '' ? out : out.replace(/\n$/, '');
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
