import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { InternalError, UsageError } from '../../errors.js';
import { loadActionlint } from '../../io/actionlint.js';
import { stageFileWrite, type StagedWrite } from '../../io/atomic-write.js';
import { readUserTextFile } from '../../io/read-file.js';
import { renderMigration, type MigrationEntry } from '../../export/github-actions/migration.js';
import type { ExportFinding } from '../../export/github-actions/model.js';
import { githubWorkflowSchemaErrors } from '../../export/github-actions/schema.js';
import { exportWorkflow, selfHostedLabels } from '../../export/github-actions/translate.js';
import { serializeYaml } from '../../render/serialize.js';
import { hasErrors, type Diagnostic } from '../../model/diagnostic.js';
import { validateParsed } from '../../validate/file.js';
import { formatDiagnosticsText } from '../../validate/format.js';
import { parseYamlSource } from '../../validate/source.js';
import type { Output } from '../output.js';

export interface ExportFlags {
  /** Folder the GitHub workflows go to. */
  readonly out: string;
  /** Where MIGRATION.md goes. */
  readonly migration: string;
  readonly dryRun?: boolean;
  readonly allowPartial?: boolean;
  /** `ARN` (every connection) or `NAME=ARN` (a connection or environment name, or an account id). */
  readonly roleArn: readonly string[];
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'cdk.out', 'dist', '.catalyst-gen']);

/**
 * `catalyst-gen export github-actions <files or folders>`: every CodeCatalyst workflow to a GitHub Actions
 * workflow, checked against GitHub's workflow schema and by actionlint before anything is written, plus
 * MIGRATION.md. Exit 1 (nothing written) when a workflow does not validate or something could not be translated,
 * unless --allow-partial; --dry-run prints the files instead.
 */
export async function runExportGitHubActions(paths: readonly string[], flags: ExportFlags, o: Output): Promise<number> {
  const files = collectWorkflows(paths.length > 0 ? paths : ['.']);
  if (files.length === 0) throw new UsageError(`No CodeCatalyst workflow in ${paths.join(', ') || '.'} (files under .codecatalyst/workflows/, or name them).`);
  const roleArns = parseRoleArns(flags.roleArn);
  const sources = new Map<string, string>();
  const invalid: Diagnostic[] = [];
  const outputs: { path: string; content: string }[] = [];
  const entries: MigrationEntry[] = [];
  const lint = loadActionlint();
  let untranslated = 0;

  for (const file of files) {
    const text = readUserTextFile(file, 'workflow file');
    sources.set(file, text);
    const parsed = parseYamlSource(text, file);
    const diagnostics = validateParsed(parsed, 'workflow');
    if (hasErrors(diagnostics)) {
      invalid.push(...diagnostics.filter((d) => d.severity === 'error'));
      continue;
    }
    if (!parsed.ok) continue; // reported above
    const result = exportWorkflow(parsed.source.value, { roleArns });
    const target = join(flags.out, `${result.workflow.name}.yml`);
    if (outputs.some((x) => x.path === target)) throw new UsageError(`Two workflows are named "${result.workflow.name}"; GitHub workflow files are named after them. Rename one (its Name).`);
    const content = serializeYaml(result.workflow, `Exported by catalyst-gen from ${toPosix(file)}; see MIGRATION.md for what to set up on GitHub.`);
    // A file this command writes that GitHub or actionlint would refuse is a bug of the translation.
    const problems = [...githubWorkflowSchemaErrors(JSON.parse(JSON.stringify(result.workflow))).map((m) => `schema: ${m}`), ...(await lint(content, target, selfHostedLabels(result.workflow))).map((f) => `actionlint ${f.line}:${f.column} [${f.kind}] ${f.message}`)];
    if (problems.length > 0) throw new InternalError(`The GitHub workflow exported from ${file} does not pass its checks:\n${problems.join('\n')}`);
    const located = result.findings.map((f) => ({ ...f, ...lineOf(f, parsed.source.locate.bind(parsed.source)) }));
    untranslated += located.filter((f) => f.kind === 'untranslated').length;
    outputs.push({ path: target, content });
    const environments = Object.values(result.workflow.jobs).flatMap((j) => (j.environment ? [j.environment] : []));
    entries.push({ source: toPosix(file), target: toPosix(target), findings: located, environments });
  }

  if (invalid.length > 0) {
    o.err(formatDiagnosticsText(invalid, { sources, color: o.color }));
    o.err(`${invalid.length === 1 ? '1 error' : `${invalid.length} errors`} in the CodeCatalyst workflows: fix them (see "catalyst-gen validate") and export again. Nothing was written.`);
    return 1;
  }
  let setup = 0;
  for (const e of entries) {
    for (const f of e.findings.filter((x) => x.kind === 'untranslated')) o.err(`${e.source}${f.line !== undefined ? `:${f.line}` : ''}: not translated: ${f.message} ${f.action}`);
    setup += new Set(e.findings.filter((x) => x.kind === 'setup').map((x) => x.action)).size;
  }
  if (setup > 0) o.err(`${flags.migration} lists ${setup === 1 ? '1 thing' : `${setup} things`} to set up on GitHub (environments, reviewers, role ARNs, secrets).`);
  const migrationText = renderMigration(entries);
  const all = [...outputs, { path: flags.migration, content: migrationText }];
  if (untranslated > 0 && !flags.allowPartial) {
    o.err(`${untranslated === 1 ? '1 construct' : `${untranslated} constructs`} could not be translated faithfully (above). Nothing was written; change them by hand after exporting with --allow-partial.`);
    return 1;
  }
  if (flags.dryRun) {
    for (const f of all) o.out(`--- ${toPosix(f.path)}\n${f.content}`);
    o.err(`Dry run: ${all.length} files would be written.`);
    return 0;
  }
  writeAll(all);
  for (const f of all) o.out(`wrote ${toPosix(f.path)}`);
  return 0;
}

/** Every file staged before any is renamed into place: a failure leaves none of them. */
function writeAll(files: readonly { path: string; content: string }[]): void {
  const staged: StagedWrite[] = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(resolve(f.path)), { recursive: true });
      staged.push(stageFileWrite(f.path, f.content));
    }
  } catch (e) {
    for (const s of staged) s.discard();
    throw e;
  }
  for (const s of staged) s.commit();
}

function lineOf(f: ExportFinding, locate: (pointer: string, atKey?: boolean) => { line: number } | undefined): { line?: number } {
  // The innermost node the pointer reaches that exists in the file.
  for (let p = f.pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const at = locate(p, true);
    if (at) return { line: at.line };
    if (p === '') return {};
  }
}

function parseRoleArns(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    const [key, arn] = eq > 0 && !v.startsWith('arn:') ? [v.slice(0, eq), v.slice(eq + 1)] : ['*', v];
    if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(arn)) throw new UsageError(`--role-arn ${v}: expected an IAM role ARN (arn:aws:iam::123456789012:role/Name), optionally after "<connection or environment>=".`);
    out[key] = arn;
  }
  return out;
}

/** Named files as they are; in folders, the YAML files of .codecatalyst/workflows folders (or of a folder named workflows). */
function collectWorkflows(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    const isWorkflowDir = toPosix(resolve(dir)).endsWith('/.codecatalyst/workflows') || (depth === 0 && basename(dir) === 'workflows');
    for (const n of names) {
      const p = join(dir, n);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(n)) walk(p, depth + 1);
      } else if (isWorkflowDir && /\.ya?ml$/.test(n)) out.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`${p} does not exist.`);
    }
    if (st.isDirectory()) walk(p, 0);
    else out.push(p);
  }
  return [...new Set(out.map((p) => relative('.', p) || p))];
}

const toPosix = (p: string) => p.split(sep).join('/');


