import type { FileKind } from '../model/project.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { validateParsed } from '../validate/file.js';
import { detectKind, detectKindFromContent, type ValidateOptions } from '../validate/registry.js';
import { parseYamlSource } from '../validate/source.js';

/** The kinds the editor checks: the ones `validate` finds in folders. */
export type EditorKind = Extract<FileKind, 'workflow' | 'devfile' | 'buildspec'>;
const EDITOR_KINDS: ReadonlySet<FileKind> = new Set(['workflow', 'devfile', 'buildspec']);

/** What the server knows about an open document after its last change. */
export interface Analysis {
  readonly kind?: EditorKind;
  readonly diagnostics: readonly Diagnostic[];
  /** The parsed value, when the text parses; completion keeps the last good one while the user types. */
  readonly value?: unknown;
}

/**
 * Check an open document exactly as `validate <path>` checks the file: the kind from the path, else from the
 * content's shape, then the same validation with the same options, on the one parse. A document of no known kind
 * (any other YAML file the editor opens) gets no diagnostics: an editor should not warn about files it was not
 * asked about.
 */
export function analyzeDocument(path: string, text: string, options: ValidateOptions = {}): Analysis {
  const parsed = parseYamlSource(text, path);
  const value = parsed.ok ? parsed.source.value : undefined;
  const byPath = detectKind(path);
  const kind = byPath ?? (parsed.ok ? detectKindFromContent(value) : undefined);
  if (!kind || !EDITOR_KINDS.has(kind)) return { diagnostics: [] };
  return { kind: kind as EditorKind, diagnostics: validateParsed(parsed, kind, options), ...(parsed.ok ? { value } : {}) };
}

/** A replacement the editor may apply without asking more: the text a finding's fix names for its range. */
export interface QuickFix {
  readonly title: string;
  readonly newText: string;
}

/** Codes whose `Did you mean "X"?` names the text to put in place of the reported range. */
const DID_YOU_MEAN = new Set(['WF-IDENTIFIER-UNKNOWN', 'WF-IDENTIFIER-VERSION', 'WF-DEPENDS-MISSING', 'WF-ARTIFACT-UNKNOWN', 'WF-SCHEMA-ADDITIONALPROPERTIES']);
/** Codes whose fix is `Write Key: VALUE.` for the scalar reported. */
const WRITE_VALUE = new Set(['WF-LENIENT-TRIGGER-TYPE', 'WF-LENIENT-COMPUTE-TYPE', 'WF-LENIENT-SHARED-INSTANCE', 'WF-LENIENT-SCHEMA-VERSION']);

/**
 * The safe quick fix of a diagnostic, given the text its range covers: only fixes that replace one scalar (a
 * value or a key) with the text the finding names, keeping the quotes it was written with. Anything that needs
 * judgement (moving a block, choosing among names) has none.
 */
export function quickFix(d: Pick<Diagnostic, 'code' | 'fix'>, covered: string): QuickFix | undefined {
  if (!d.fix || covered.includes('\n')) return undefined;
  let replacement: string | undefined;
  if (DID_YOU_MEAN.has(d.code)) replacement = /^Did you mean "([^"]+)"\?$/.exec(d.fix)?.[1];
  else if (WRITE_VALUE.has(d.code)) replacement = /^Write [A-Za-z]+: (.+?)(?: \(quoted\))?\.$/.exec(d.fix)?.[1];
  if (replacement === undefined || replacement === covered) return undefined;
  const quote = /^["']/.exec(covered)?.[0];
  const bare = replacement.replace(/^"(.*)"$/, '$1');
  const newText = quote ? `${quote}${bare}${quote}` : replacement;
  return { title: `Change to ${newText}`, newText };
}
