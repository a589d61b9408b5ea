import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { EnvironmentError } from '../../errors.js';
import { readUserFile, statUserPath } from '../../io/read-file.js';
import type { FileKind } from '../../model/project.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../../model/diagnostic.js';
import { validateFileBytes } from '../../validate/file-core.js';
import { formatDiagnosticsJson, formatDiagnosticsSarif, formatDiagnosticsText, summarize } from '../../validate/format.js';
import { detectKind, loadValidators } from '../../validate/registry.js';
import type { Output } from '../output.js';
import { toolVersion } from '../version.js';

export interface ValidateFlags {
  readonly format: 'text' | 'json' | 'sarif';
  readonly devfileProfile: 'codecatalyst' | 'generic';
  /** Validate the files named explicitly as this kind. @default - from the path, else the content */
  readonly kind?: 'devfile' | 'workflow' | 'buildspec';
  /** The CodeBuild image buildspecs run on: their runtime versions are checked against it. @default any current standard image */
  readonly buildImage?: string;
  /**
   * Skip, without a finding, the paths named that do not exist and the files neither whose path nor whose content
   * says they are a devfile, workflow or buildspec (a staged README.md or deletion, when a Git hook passes every
   * staged file). @default false
   */
  readonly skipUnknown?: boolean;
}

/**
 * Where the rule catalogue is documented, for SARIF's helpUri: the project publishes no web address, so this is the
 * page's path in this repository (a reference a viewer resolves against the repository root).
 */
const RULES_DOC = 'docs/rules.md';

const SKIP_DIRS = new Set(['node_modules', '.git', 'cdk.out', 'dist', '.catalyst-gen']);

export async function runValidate(paths: readonly string[], flags: ValidateFlags, o: Output): Promise<number> {
  const targets = collectFiles(paths.length > 0 ? paths : ['.'], flags.skipUnknown === true);
  // Load only the validators of the kinds the paths say; a file whose kind its content will say needs them all.
  const forced = (t: Target) => t.kind ?? (t.named && flags.kind ? flags.kind : undefined) ?? detectKind(t.abs.split(sep).join('/'));
  const kinds = targets.map(forced);
  await loadValidators(kinds.includes(undefined) ? undefined : (kinds as FileKind[]));
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  let syntaxOnly = 0;
  let rejected = 0;
  let skipped = 0;
  for (const t of targets) {
    const bytes = readUserFile(t.abs);
    const check = validateFileBytes(bytes, t.display, {
      path: t.abs.split(sep).join('/'),
      devfileProfile: flags.devfileProfile,
      ...(flags.buildImage ? { buildImage: flags.buildImage } : {}),
      ...(t.named && flags.kind ? { kind: flags.kind } : {}),
      ...(t.kind ? { kind: t.kind } : {}),
    });
    if (flags.skipUnknown && check.outcome !== 'validated') {
      skipped++;
      continue;
    }
    if (check.outcome === 'syntax-only') syntaxOnly++;
    if (check.outcome === 'rejected') rejected++;
    else if (check.diagnostics.length > 0 && check.text !== undefined) sources.set(t.display, check.text);
    diagnostics.push(...check.diagnostics);
  }
  const sorted = sortDiagnostics(diagnostics);
  if (flags.format === 'json') o.out(formatDiagnosticsJson(sorted));
  else if (flags.format === 'sarif') {
    // The catalogue (and the rule checks beside it) is loaded only for SARIF, whose rules carry its help.
    const { ruleFor } = await import('../../validate/catalogue.js');
    o.out(formatDiagnosticsSarif(sorted, { name: 'catalyst-gen', version: toolVersion() }, { help: { ruleFor: (code) => ruleFor(code), helpBase: RULES_DOC } }));
  }
  else {
    if (sorted.length > 0) o.out(formatDiagnosticsText(sorted, { sources, color: o.color }));
    const checked = targets.length - skipped;
    o.out(checked === 0 ? 'No files to validate were found (devfiles, workflows, buildspecs).' : summarize(sorted, checked, { syntaxOnly, rejected }));
  }
  return hasErrors(sorted) ? 1 : 0;
}

interface Target {
  readonly abs: string;
  readonly display: string;
  /** The kind its path says, for files found by scanning. */
  readonly kind?: FileKind;
  /** Named on the command line (not found by scanning): any name is validated, its kind detected. */
  readonly named: boolean;
}

/**
 * Named files are validated whatever their name (their kind comes from --kind, else the path, else the
 * content's shape), or left out when `skipMissing` and they do not exist; folders are scanned for the files whose absolute path a validator claims.
 */
function collectFiles(paths: readonly string[], skipMissing: boolean): Target[] {
  const out: Target[] = [];
  const cwd = process.cwd();
  const below = cwd.endsWith(sep) ? cwd : cwd + sep;
  const display = (abs: string) => {
    // Files found below the current folder (nearly all) need no path.relative, which is costly per file.
    const rel = abs.startsWith(below) ? abs.slice(below.length) : relative(cwd, abs);
    return (rel === '' || rel.startsWith('..') ? abs : rel).split(sep).join('/');
  };
  for (const p of paths) {
    const abs = resolve(cwd, p);
    if (skipMissing && !existsSync(abs)) continue;
    const st = statUserPath(p);
    if (st.isDirectory()) {
      walk(abs, new Set(), (file) => {
        const kind = detectKind(file.split(sep).join('/'));
        if (kind) out.push({ abs: file, display: display(file), kind, named: false });
      });
    } else {
      // readUserFile refuses what is not a regular file (a device, a pipe) with a clear message.
      out.push({ abs, display: display(abs), named: true });
    }
  }
  const seen = new Set<string>();
  return out.filter((t) => (seen.has(t.abs) ? false : (seen.add(t.abs), true))).sort((a, b) => (a.display < b.display ? -1 : 1));
}

/** Every regular file below a folder, following symbolic links (a link back up the tree is visited once). */
function walk(dir: string, visited: Set<string>, visit: (abs: string) => void): void {
  let real: string;
  let entries;
  try {
    real = realpathSync(dir);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new EnvironmentError(`Cannot read folder ${dir}: ${(e as Error).message}`, { cause: e });
  }
  if (visited.has(real)) return;
  visited.add(real);
  for (const e of entries) {
    const abs = join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      let st;
      try {
        st = statSync(abs);
      } catch {
        st = undefined;
      }
      // A dangling link or a link loop is not a file to validate; skip it, like the folders we skip.
      isDir = st?.isDirectory() ?? false;
      isFile = st?.isFile() ?? false;
    }
    if (isDir) {
      if (!SKIP_DIRS.has(e.name)) walk(abs, visited, visit);
    } else if (isFile) visit(abs);
  }
}
