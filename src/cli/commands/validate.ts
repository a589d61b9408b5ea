import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { EnvironmentError, UsageError } from '../../errors.js';
import type { FileKind } from '../../model/project.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../../validate/diagnostic.js';
import { validateText } from '../../validate/file.js';
import { formatDiagnosticsJson, formatDiagnosticsSarif, formatDiagnosticsText, summarize } from '../../validate/format.js';
import { detectKind } from '../../validate/registry.js';
import type { Output } from '../output.js';
import { toolVersion } from '../version.js';

export interface ValidateFlags {
  readonly format: 'text' | 'json' | 'sarif';
  readonly devfileProfile: 'codecatalyst' | 'generic';
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'cdk.out', 'dist', '.catalyst-gen']);

export function runValidate(paths: readonly string[], flags: ValidateFlags, o: Output): number {
  const targets = collectFiles(paths.length > 0 ? paths : ['.']);
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  for (const t of targets) {
    let text: string;
    try {
      text = readFileSync(t.abs, 'utf8');
    } catch (e) {
      throw new EnvironmentError(`Cannot read ${t.display}: ${(e as Error).message}`, { cause: e });
    }
    sources.set(t.display, text);
    diagnostics.push(...validateText(text, t.display, t.kind, { devfileProfile: flags.devfileProfile }));
  }
  const sorted = sortDiagnostics(diagnostics);
  if (flags.format === 'json') o.out(formatDiagnosticsJson(sorted));
  else if (flags.format === 'sarif') o.out(formatDiagnosticsSarif(sorted, { name: 'catalyst-gen', version: toolVersion() }));
  else {
    if (sorted.length > 0) o.out(formatDiagnosticsText(sorted, { sources, color: o.color }));
    o.out(targets.length === 0 ? 'No files to validate were found (devfiles, workflows, buildspecs).' : summarize(sorted, targets.length));
  }
  return hasErrors(sorted) ? 1 : 0;
}

interface Target {
  readonly abs: string;
  readonly display: string;
  readonly kind: FileKind;
}

/**
 * Named files are validated whatever their name (their kind is guessed from the name, else from the
 * content's shape); folders are scanned for the files each validator claims.
 */
function collectFiles(paths: readonly string[]): Target[] {
  const out: Target[] = [];
  const cwd = process.cwd();
  const display = (abs: string) => {
    const rel = relative(cwd, abs);
    return (rel.startsWith('..') ? abs : rel).split(sep).join('/');
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`No such file or folder: ${p}`);
    }
    if (st.isDirectory()) {
      walk(p, '', (abs, rel) => {
        const kind = detectKind(rel);
        if (kind) out.push({ abs, display: display(abs), kind });
      });
    } else {
      const abs = resolve(cwd, p);
      const rel = display(abs);
      out.push({ abs, display: rel, kind: detectKind(rel) ?? guessKindFromName(rel) });
    }
  }
  const seen = new Set<string>();
  return out.filter((t) => (seen.has(t.abs) ? false : (seen.add(t.abs), true))).sort((a, b) => (a.display < b.display ? -1 : 1));
}

function guessKindFromName(path: string): FileKind {
  if (/\.json$/i.test(path)) return 'json';
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  return 'text';
}

function walk(dir: string, rel: string, visit: (abs: string, rel: string) => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new EnvironmentError(`Cannot read folder ${dir}: ${(e as Error).message}`, { cause: e });
  }
  for (const e of entries) {
    const abs = join(dir, e.name);
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(abs, r, visit);
    } else if (e.isFile()) visit(abs, r);
  }
}
