import { BlueprintError, CatalystError, ConflictError, InternalError, ValidationError } from '../errors.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { formatDiagnosticsSarif, formatDiagnosticsText } from '../validate/format.js';
import { paint, type Output } from './output.js';
import { toolVersion } from './version.js';

/**
 * Print an error the way its kind deserves and return its exit code. With `json`, the error and its
 * diagnostics also go to stdout as one JSON document (`{"error": ..., "diagnostics": [...]}`), so a
 * machine reading a command's JSON output reads its failures the same way; with `sarif`, a SARIF log whose
 * invocation failed with the message (`validate --format sarif`). The exit code is the same.
 */
export function reportError(e: unknown, o: Output, format: 'text' | 'json' | 'sarif' = 'text'): number {
  // Commander has printed its message (help, version, a usage error); told by its code, so as not to load it here.
  const commander = commanderCode(e);
  if (commander !== undefined) return commander === 'commander.helpDisplayed' || commander === 'commander.version' || commander === 'commander.help' ? 0 : 2;
  // Ctrl-C at a question (the prompt library's ExitPromptError): stopped by the user, as a SIGINT would.
  if (e instanceof Error && e.name === 'ExitPromptError') {
    o.err('Stopped: nothing was written.');
    return 130;
  }
  if (format === 'json') o.out(errorJson(e));
  if (format === 'sarif') o.out(errorSarif(e));
  if (e instanceof ValidationError) {
    if (e.diagnostics.length > 0) o.err(formatDiagnosticsText(e.diagnostics, { sources: e.sources, color: o.color }));
    o.err(`${paint(o, 'red', 'error')}: ${e.message}`);
    return e.exitCode;
  }
  if (e instanceof ConflictError) {
    o.err(`${paint(o, 'red', 'conflict')}: ${e.message}`);
    return e.exitCode;
  }
  if (e instanceof BlueprintError) {
    if (e.diagnostics.length > 0) o.err(formatDiagnosticsText(e.diagnostics, { color: o.color }));
    o.err(`${paint(o, 'red', 'blueprint error')}: ${e.message}\nThis is a bug in blueprint ${e.blueprint}, not in catalyst-gen: tell its authors. Nothing was written.`);
    return e.exitCode;
  }
  if (e instanceof InternalError) {
    if (e.diagnostics.length > 0) o.err(formatDiagnosticsText(e.diagnostics, { color: o.color }));
    o.err(`${paint(o, 'red', 'internal error')}: ${e.message}\nThis is a bug in catalyst-gen; please report it with the command you ran.`);
    return e.exitCode;
  }
  if (e instanceof CatalystError) {
    const cause = e.cause instanceof Error && !e.message.includes(e.cause.message) ? ` (${e.cause.message})` : '';
    o.err(`${paint(o, 'red', 'error')}: ${e.message}${cause}`);
    return e.exitCode;
  }
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code)) {
    o.err(`${paint(o, 'red', 'error')}: ${err.message}`);
    return 3;
  }
  o.err(`${paint(o, 'red', 'internal error')}: ${(e as Error)?.stack ?? String(e)}\nThis is a bug in catalyst-gen; please report it with the command you ran.`);
  return 4;
}

function commanderCode(e: unknown): string | undefined {
  const code = e instanceof Error ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('commander.') ? code : undefined;
}

function errorParts(e: unknown): { kind: string; message: string; diagnostics: readonly Diagnostic[] } {
  const diagnostics = e instanceof ValidationError || e instanceof InternalError ? e.diagnostics : [];
  const kind = e instanceof CatalystError ? e.name : 'InternalError';
  const message = e instanceof Error ? e.message : String(e);
  return { kind, message, diagnostics };
}

function errorJson(e: unknown): string {
  const { kind, message, diagnostics } = errorParts(e);
  return JSON.stringify({ error: { kind, message }, diagnostics }, null, 2);
}

function errorSarif(e: unknown): string {
  const { kind, message, diagnostics } = errorParts(e);
  return formatDiagnosticsSarif(diagnostics, { name: 'catalyst-gen', version: toolVersion() }, { failure: `${kind}: ${message}` }).trimEnd();
}
