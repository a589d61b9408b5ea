import { parseDocument } from 'yaml';
import { editKeepingFormat } from './line-endings.js';
import { CONFLICT_MARKERS, merge3 } from './merge3.js';
import { mergeYamlEdits, type YamlConflict } from './yaml-merge.js';

export type FileMergeResult =
  | { readonly status: 'clean'; readonly text: string; readonly how: 'lines' | 'yaml-edits' }
  /** `text` holds conflict markers to write; absent when the file must be left as it is. */
  | { readonly status: 'conflict'; readonly text?: string; readonly details: readonly string[]; /** Your file could not be read to merge into. */ readonly unreadable?: boolean };

export interface FileMergeInput {
  readonly path: string;
  readonly base: string;
  readonly ours: string;
  readonly theirs: string;
  /**
   * `lines`: three-way line merge; YAML files fall back to mapping-level edits when the line merge overlaps or
   * would not parse, so a clean result always parses. `yaml-edits`: only comment-preserving edits of ours
   * (user-owned YAML such as the devfile); never markers, never a whole-file rewrite.
   */
  readonly strategy: 'lines' | 'yaml-edits';
}

/**
 * Pure: merge one file's three versions. The renders (base, theirs) are LF without a byte-order mark; your file
 * may have CRLF line ends or a BOM, which the merged file keeps (lines from the blueprint get your line end).
 */
export function mergeFileContent(input: FileMergeInput): FileMergeResult {
  if (!/\r/.test(input.ours) && !input.ours.startsWith('\uFEFF')) return mergeLf(input);
  let result: FileMergeResult | undefined;
  const text = editKeepingFormat(input.ours, (ours) => {
    result = mergeLf({ ...input, ours });
    return result.text ?? ours;
  });
  return result!.text === undefined ? result! : { ...result!, text };
}

function mergeLf(input: FileMergeInput): FileMergeResult {
  const { base, ours, theirs } = input;
  const yaml = isYamlPath(input.path);
  if (input.strategy === 'yaml-edits') {
    if (!yaml) return { status: 'conflict', details: ['only YAML files can be merged by edits'] };
    const r = mergeYamlEdits(base, ours, theirs);
    if (r.ok) return { status: 'clean', text: r.text, how: 'yaml-edits' };
    return r.reason === 'unparseable' ? { status: 'conflict', details: [r.message], unreadable: true } : { status: 'conflict', details: r.conflicts.map(describeConflict) };
  }
  const lines = merge3(base, ours, theirs);
  if (!yaml && !isJsonPath(input.path)) {
    return lines.conflicts === 0
      ? { status: 'clean', text: lines.text, how: 'lines' }
      : { status: 'conflict', text: lines.text, details: [`${lines.conflicts} overlapping change(s) marked in the file`] };
  }
  if (lines.conflicts === 0 && parses(lines.text, yaml)) return { status: 'clean', text: lines.text, how: 'lines' };
  if (yaml) {
    const r = mergeYamlEdits(base, ours, theirs);
    if (r.ok) return { status: 'clean', text: r.text, how: 'yaml-edits' };
    const details = r.reason === 'unparseable' ? [r.message] : r.conflicts.map(describeConflict);
    return { status: 'conflict', text: lines.conflicts > 0 ? lines.text : wholeFileConflict(ours, theirs), details };
  }
  return {
    status: 'conflict',
    text: lines.conflicts > 0 ? lines.text : wholeFileConflict(ours, theirs),
    details: [lines.conflicts > 0 ? `${lines.conflicts} overlapping change(s) marked in the file` : 'the merged lines would not be valid JSON'],
  };
}

export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

function isJsonPath(path: string): boolean {
  return /\.json$/i.test(path);
}

function parses(text: string, yaml: boolean): boolean {
  if (yaml) return parseDocument(text).errors.length === 0;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** When no line region can be blamed (a clean line merge that does not parse), offer both whole files. */
function wholeFileConflict(ours: string, theirs: string): string {
  const nl = (s: string) => (s === '' || s.endsWith('\n') ? s : s + '\n');
  return `${CONFLICT_MARKERS.start}\n${nl(ours)}${CONFLICT_MARKERS.middle}\n${nl(theirs)}${CONFLICT_MARKERS.end}\n`;
}

/** One conflicting place, for the report: where, what happened, your value and the blueprint's. */
export function describeConflict(c: YamlConflict): string {
  return `${c.pointer || '/'}: ${c.message}; yours: ${showValue(c.ours)}, the blueprint's: ${showValue(c.theirs)}`;
}

function showValue(v: unknown): string {
  if (v === undefined) return '(removed)';
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
