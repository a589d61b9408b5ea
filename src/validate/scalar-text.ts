import type { SourceFile } from './source.js';

/**
 * The text of the scalar a pointer names, as the file writes it (`3.10`, where a YAML 1.2 reader gives the
 * number 3.1), or undefined when the pointer names no single-line scalar. Quotes are kept; a trailing comment
 * is not part of the scalar's range.
 */
export function scalarText(source: SourceFile, pointer: string): string | undefined {
  const pos = source.locate(pointer);
  if (!pos || pos.endLine === undefined || pos.endCol === undefined || pos.endLine !== pos.line || pos.endCol <= pos.col) return undefined;
  let start = 0;
  for (let line = 1; line < pos.line; line++) {
    start = source.text.indexOf('\n', start) + 1;
    if (start === 0) return undefined;
  }
  return source.text.slice(start + pos.col - 1, start + pos.endCol - 1).trim();
}
