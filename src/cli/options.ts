import { UsageError, ValidationError } from '../errors.js';
import type { Blueprint } from '../model/blueprint.js';
import { applyAssignments, mergeOptions, parseSetArgument, type OptionValues, type SetAssignment } from '../options/resolve.js';
import { missingRequired, validateOptions } from '../options/validate.js';
import { fromPointer, toPointer, type Diagnostic, type Finding } from '../model/diagnostic.js';
import { parseYamlSource, type SourceFile } from '../validate/source.js';
import type { Output } from './output.js';
import type { PromptStreams } from './prompts.js';
import { isRecord } from '../model/values.js';
import { formatDiagnosticsText } from '../validate/format.js';
import { readUserTextFile } from '../io/read-file.js';

export interface OptionSources {
  /** `--options file.json|yaml` */
  readonly optionsFile?: string;
  /** `--set key.path=value`, in order. */
  readonly sets: readonly string[];
  /**
   * On a terminal: `every` asks every option the options file and --set did not give (the wizard of `new`),
   * `missing` only the groups that hold a required option still missing (`update`). @default false: never ask
   */
  readonly interactive: false | 'every' | 'missing';
  /** Streams to ask on. @default the terminal */
  readonly streams?: PromptStreams;
  /** Values recorded earlier (e.g. the manifest's, for `update`), applied after the defaults. */
  readonly recorded?: Readonly<Record<string, unknown>>;
}

/**
 * Defaults, then the recorded options, then the options file, then --set, then prompts for what is still
 * missing. All problems are collected and reported together.
 */
export async function resolveOptions(bp: Blueprint<any>, src: OptionSources, o: Output): Promise<OptionValues> {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  let fileSource: SourceFile | undefined;
  if (src.optionsFile) {
    const loaded = loadOptionsFile(src.optionsFile);
    sources.set(src.optionsFile, loaded.text);
    if (!loaded.ok) throw new ValidationError(`The options file ${src.optionsFile} cannot be read.`, loaded.diagnostics, sources);
    fileSource = loaded.source;
  }
  const assignments: SetAssignment[] = [];
  const malformed: Finding[] = [];
  for (const s of src.sets) {
    const r = parseSetArgument(s, bp.options);
    if (r.ok) assignments.push(r.assignment);
    else if (r.finding.code === 'OPTION-SET-SYNTAX') malformed.push(r.finding);
    else diagnostics.push(toDiagnostic(r.finding, '--set'));
  }
  // A --set that is not key=value at all is a mistake on the command line, not an invalid option value.
  if (malformed.length > 0) throw new UsageError(malformed.map((f) => `${f.message}${f.fix ? ` ${f.fix}` : ''}`).join('\n'));
  const applied = applyAssignments(mergeOptions(bp.defaults, src.recorded ?? {}, fileSource?.value ?? {}), assignments);
  for (const f of applied.findings) diagnostics.push(toDiagnostic(f, '--set'));
  let values = applied.values;
  let findings = validateOptions(bp, values);
  const missing = missingRequired(findings);
  if (src.interactive === 'every' || (src.interactive === 'missing' && missing.length > 0)) {
    // Top-level options not to ask: those given on the command line, or (missing) those complete already.
    const given = new Set([...Object.keys(isRecord(fileSource?.value) ? fileSource.value : {}), ...assignments.map((a) => a.path[0]!)]);
    const incomplete = new Set(missing.map((m) => m.split('.')[0]!));
    const props = Object.keys((bp.options['properties'] ?? {}) as object);
    const skip = new Set(src.interactive === 'every' ? given : props.filter((k) => !incomplete.has(k)));
    const { askEveryOption } = await import('./prompts.js');
    values = await askEveryOption(bp, values, skip, o, src.streams);
    findings = validateOptions(bp, values);
  }
  const given = (f: Finding) => assignments.some((a) => toPointer(a.path) === f.pointer) || valueAt(fileSource?.value, f.pointer) !== undefined;
  for (const f of findings) diagnostics.push(locateOptionFinding(given(f) ? f : keepRecordedRuntime(f, values, src.recorded), fileSource, src.sets));
  if (diagnostics.some((d) => d.severity === 'error')) {
    throw new ValidationError(`Options for blueprint "${bp.id}" are not valid; nothing was written.`, diagnostics, sources);
  }
  if (diagnostics.length > 0) o.err(formatDiagnosticsText(diagnostics, { sources, color: o.color }));
  return values;
}

/**
 * A runtime AWS retired that the project was made with (`update` keeps the recorded options) is a warning, not an
 * error: the project's functions exist, and refusing would block every other change until it moves. Choosing
 * such a runtime (with --set or in an options file) stays an error.
 */
export function keepRecordedRuntime(f: Finding, values: unknown, recorded: unknown): Finding {
  if (f.code !== 'OPTION-RUNTIME-RETIRED' || recorded === undefined) return f;
  if (valueAt(values, f.pointer) !== valueAt(recorded, f.pointer)) return f;
  return { ...f, severity: 'warning', message: `${f.message} This project's functions use it: the next deployment that changes them will fail once updates are blocked too.` };
}

function valueAt(v: unknown, pointer: string): unknown {
  return fromPointer(pointer).reduce<unknown>((cur, k) => (isRecord(cur) ? cur[k] : Array.isArray(cur) ? cur[Number(k)] : undefined), v);
}

/** Put an option problem where the user wrote the value: the options file, a --set, or the defaults. */
function locateOptionFinding(f: Finding, file: SourceFile | undefined, sets: readonly string[]): Diagnostic {
  const dotted = f.pointer.split('/').slice(1).join('.');
  const fromSet = dotted && sets.some((s) => s.startsWith(dotted + '=') || dotted.startsWith(s.split('=')[0] + '.'));
  if (!fromSet && file && hasPointer(file.value, f.pointer)) {
    const pos = file.locate(f.pointer, f.atKey);
    return { ...f, file: file.file, ...(pos ?? {}) };
  }
  return { ...f, file: fromSet ? '--set' : 'options' };
}

function hasPointer(value: unknown, pointer: string): boolean {
  let cur = value;
  for (const seg of pointer.split('/').slice(1)) {
    if (!isRecord(cur) && !Array.isArray(cur)) return false;
    if (!(seg in (cur as object))) return false;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return true;
}

function toDiagnostic(f: Finding, file: string): Diagnostic {
  return { code: f.code, severity: f.severity, message: f.message, ...(f.fix ? { fix: f.fix } : {}), file };
}

function loadOptionsFile(path: string): { ok: true; text: string; source: SourceFile } | { ok: false; text: string; diagnostics: Diagnostic[] } {
  const text = readUserTextFile(path, 'options file');
  const parsed = parseYamlSource(text, path);
  if (!parsed.ok) return { ok: false, text, diagnostics: [...parsed.diagnostics] };
  if (!isRecord(parsed.source.value)) {
    return {
      ok: false,
      text,
      diagnostics: [{ code: 'OPTION-FILE-NOT-MAPPING', severity: 'error', message: 'The options file must hold a mapping of option names to values.', file: path, line: 1, col: 1 }],
    };
  }
  return { ok: true, text, source: parsed.source };
}
