import { Document, type ToStringOptions } from 'yaml';

/**
 * The one place structured output is stringified. Fixed options so the same value always gives the
 * same bytes: 2-space indent, no line folding, no anchors or aliases, LF, one trailing newline.
 */
export const YAML_OUTPUT_OPTIONS: ToStringOptions = {
  indent: 2,
  lineWidth: 0,
  minContentWidth: 0,
  indentSeq: true,
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
  singleQuote: false,
  nullStr: 'null',
};

/** `# ...` comment lines to put above the document (generated-file header). */
export function serializeYaml(value: unknown, header?: string): string {
  const doc = new Document(value, { aliasDuplicateObjects: false, version: '1.2' });
  if (header) doc.commentBefore = header.split('\n').map((l) => ` ${l}`).join('\n');
  return ensureTrailingNewline(doc.toString(YAML_OUTPUT_OPTIONS));
}

export function serializeJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function ensureTrailingNewline(text: string): string {
  const lf = text.replace(/\r\n?/g, '\n');
  return lf.endsWith('\n') ? lf : lf + '\n';
}

/** Sort a free-form map by key (code point order), for deterministic output. Arrays keep their order. */
export function sortedRecord<V>(record: Readonly<Record<string, V>>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const k of Object.keys(record).sort(byCodePoint)) out[k] = record[k]!;
  return out;
}

export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
