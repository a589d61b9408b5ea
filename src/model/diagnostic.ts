/**
 * One finding about one place in one file. Every validator in the project produces these, so that the
 * CLI can print, sort, count and export them (text, JSON, SARIF) the same way whatever checked the file.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Stable identifier, e.g. `WF-DEPENDS-MISSING`. Never reworded once published: tools key on it. */
  readonly code: string;
  readonly severity: Severity;
  /** What is wrong, what was found, what is expected. One sentence or two. */
  readonly message: string;
  /** How to fix it, when there is an obvious fix. */
  readonly fix?: string;
  /** Path of the file as the user named it (relative when possible). */
  readonly file?: string;
  /** JSON pointer (RFC 6901) into the parsed document. */
  readonly pointer?: string;
  /** 1-based line and column of the node the pointer names, when the source is known. */
  readonly line?: number;
  readonly col?: number;
  /** 1-based end of the range, when known (SARIF regions, carets wider than one character). */
  readonly endLine?: number;
  readonly endCol?: number;
}

/** A finding before it is tied to a file and position: what pure rules return. */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fix?: string;
  /** Where in the document. `''` is the whole document. */
  readonly pointer: string;
  /** Point at the key rather than the value (e.g. an unknown property). */
  readonly atKey?: boolean;
  /**
   * The one key or value the fix names, for code that acts on it (the key a did-you-mean suggests, the missing key
   * to add), so that nothing parses the fix's words. @default - the fix names none, or several
   */
  readonly suggestion?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Order diagnostics by file, then position, then severity, then code: stable output for tests and humans. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      cmp(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0) ||
      severityRank[a.severity] - severityRank[b.severity] ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** RFC 6901 pointer from path segments. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + escapePointerSegment(String(s))).join('');
}

/** One RFC 6901 reference token: `~` is written `~0`, `/` is written `~1`. */
export function escapePointerSegment(s: string): string {
  if (!s.includes('~') && !s.includes('/')) return s;
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Path segments from an RFC 6901 pointer. */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
