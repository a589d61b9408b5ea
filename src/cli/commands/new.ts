import { statSync } from 'node:fs';
import { ConflictError, EnvironmentError, UsageError } from '../../errors.js';
import { applyGenerationAsync, prepareGeneration, readManifest, type PreparedGeneration } from '../../io/generate.js';
import { hasConflictMarkers } from '../../edit/merge3.js';
import { hasDrift, writtenContent, type PlanEntry, type WritePlan } from '../../io/plan.js';
import { TargetFolder } from '../../io/target.js';
import type { PromptStreams } from '../prompts.js';
import { loadCatalogueItems, processCatalogueContext, resolveBlueprint, resolveRecordedBlueprint, type CatalogueContext } from '../catalogue.js';
import { describeRecordedSource } from '../../model/blueprint-source.js';
import { describeOrigin, recordedSource, type BlueprintOrigin } from '../../io/blueprint-origin.js';
import { MANIFEST_PATH } from '../../io/manifest.js';
import { lockProject } from '../../io/project-lock.js';
import { resolveOptions } from '../options.js';
import { paint, type Output } from '../output.js';
import { toolVersion } from '../version.js';

export interface GenerateFlags {
  readonly options?: string;
  readonly set: string[];
  readonly input: boolean;
  readonly dryRun?: boolean;
  readonly check?: boolean;
  readonly force?: boolean;
  /** Apply an update whose warnings say it can lose data, without asking. */
  readonly yes?: boolean;
  readonly format: 'text' | 'json';
  /** `update`: load the blueprint from this source instead of the one the manifest records. */
  readonly from?: string;
}

export interface CommandDeps {
  /** Ask the user a yes/no question. @default a prompt on the terminal */
  readonly ask?: (message: string) => Promise<boolean>;
  /** Where blueprints are looked up. @default the current folder and environment */
  readonly ctx?: CatalogueContext;
  /** Where questions are asked. @default the terminal */
  readonly streams?: PromptStreams;
}

/**
 * `new [blueprint] [dir]`. On a terminal (unless --no-input) it is a wizard: without a blueprint, a picker over
 * the catalogue and the target folder; then every option not given by --options or --set; at the end the
 * command line that makes the same project without questions, and an offer to save the answers to a file.
 */
export async function runNew(
  source: string | undefined,
  dir: string | undefined,
  flags: GenerateFlags,
  o: Output,
  deps: CommandDeps = {},
  /** Values over the blueprint's defaults, still asked by the wizard (`blueprint init` derives names from the folder). */
  preset: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  const ctx = deps.ctx ?? processCatalogueContext((l) => o.err(l));
  const interactive = flags.input && o.stdinIsTty;
  if (source === undefined) {
    if (!interactive) throw new UsageError('"new" needs a blueprint: catalyst-gen new <blueprint> [dir] (see "catalyst-gen list"). On a terminal, "catalyst-gen new" alone lets you choose one.');
    const prompts = await import('../prompts.js');
    source = await prompts.pickBlueprint(await loadCatalogueItems(ctx), deps.streams);
    dir ??= await prompts.askTargetFolder(source, deps.streams);
  }
  const target = dir ?? '.';
  checkTargetFolder(target);
  const { blueprint: bp, origin } = await resolveBlueprint(source, ctx);
  const values = await resolveOptions(
    bp,
    { ...(flags.options ? { optionsFile: flags.options } : {}), sets: flags.set, interactive: interactive ? 'every' : false, recorded: preset, ...(deps.streams ? { streams: deps.streams } : {}) },
    o,
  );
  const request = { blueprint: bp, options: values, targetDir: target, force: flags.force ?? false, toolVersion: toolVersion(), source: recordedSource(origin, target), ...sourceLabel(origin, ctx) };
  // Held from reading the folder to writing it, not while questions are asked.
  const release = await lockProject(target, `new ${source}`);
  try {
    await finish(prepareGeneration(request), flags, o);
  } finally {
    release();
  }
  if (interactive && !flags.dryRun && !flags.check) await offerRepeat(bp.defaults, values, ['new', source, target], o, deps);
}

/**
 * `blueprint init [dir]`: `new blueprint-package` with the package name and blueprint id taken from the folder's
 * name (asked like any option on a terminal; --set to give them without asking).
 */
export async function runBlueprintInit(dir: string, flags: GenerateFlags, o: Output, deps: CommandDeps = {}): Promise<void> {
  const { basename, resolve } = await import('node:path');
  const words = basename(resolve(dir)).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^[^a-z]+|-+$/g, '');
  const id = words.replace(/-blueprint$/, '') || 'my-blueprint';
  const preset = { packageName: words || 'my-blueprint', blueprintId: id, displayName: id.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ') };
  await runNew('blueprint-package', dir, flags, o, deps, preset);
  if (flags.format === 'text' && !flags.dryRun && !flags.check) o.err(`\nNext: cd ${dir} && npm install && npm test`);
}

/**
 * After the wizard: the command that makes the same project without questions (the answers as --set), and an
 * options file with every option, written if the user names one.
 */
async function offerRepeat(defaults: unknown, values: Readonly<Record<string, unknown>>, command: readonly string[], o: Output, deps: CommandDeps): Promise<void> {
  const { formatCommandLine, setArgumentsFor } = await import('../../options/command-line.js');
  const sets = setArgumentsFor(defaults, values);
  if (sets) {
    o.err(`\nTo make this project again without questions (in CI, say):\n  ${formatCommandLine(['catalyst-gen', ...command, '--no-input', ...sets.flatMap((a) => ['--set', a])])}`);
  } else {
    o.err('\nSome answers leave out options the blueprint sets by default, which --set cannot say: save the answers as an options file to make this project again.');
  }
  const prompts = await import('../prompts.js');
  const file = await prompts.askOptionsFile(deps.streams);
  if (file === undefined) return;
  const { existsSync } = await import('node:fs');
  if (existsSync(file) && !(await prompts.askYesNo(`${file} exists. Replace it?`, deps.streams))) {
    o.err(`${file} was left as it is.`);
    return;
  }
  const { serializeYaml } = await import('../../render/serialize.js');
  const { writeFileAtomic } = await import('../../io/atomic-write.js');
  writeFileAtomic(file, serializeYaml(values, `Options for "catalyst-gen ${command[0]} ${command[1]}": catalyst-gen new ${command[1]} <dir> --options ${file}`));
  o.err(`Saved. The same project again: ${formatCommandLine(['catalyst-gen', ...command, '--no-input', '--options', file])}`);
}

/** Re-render what the manifest records, with the recorded options plus the changes given, and merge. */
export async function runUpdate(dir: string, flags: GenerateFlags, o: Output, deps: CommandDeps = {}): Promise<number> {
  // Held from reading the manifest (the recorded options a concurrent update would also start from) to writing.
  const release = await lockProject(dir, 'update');
  try {
    return await updateLocked(dir, flags, o, deps);
  } finally {
    release();
  }
}

async function updateLocked(dir: string, flags: GenerateFlags, o: Output, deps: CommandDeps): Promise<number> {
  const manifest = readManifest(new TargetFolder(dir));
  if (!manifest) throw new UsageError(`${dir} has no .catalyst-gen/manifest.json; create a project with "catalyst-gen new" first.`);
  const ctx = deps.ctx ?? processCatalogueContext((l) => o.err(l));
  const { blueprint: bp, origin } = await resolveRecordedBlueprint(manifest, dir, flags.from, ctx);
  const source = recordedSource(origin, dir);
  // Blueprint code runs with the user's permissions: say whose, before it runs (a cloned project names its own).
  if (source.type !== 'builtin') {
    o.err(`Blueprint "${bp.id}" comes from ${describeRecordedSource(source)}${flags.from ? '' : ` (recorded in ${MANIFEST_PATH})`}: its code runs now, with your permissions, as a build script's would.`);
  }
  if (bp.version !== manifest.blueprint.version) {
    const semver = (await import('semver')).default;
    const older = semver.valid(bp.version) && semver.valid(manifest.blueprint.version) && semver.lt(bp.version, manifest.blueprint.version);
    o.err(`Blueprint "${bp.id}": ${manifest.blueprint.version} -> ${bp.version}${older ? ' (an older version than the project was made with)' : ''}; its changes are merged with yours.`);
  }
  const values = await resolveOptions(
    bp,
    {
      ...(flags.options ? { optionsFile: flags.options } : {}),
      sets: flags.set,
      interactive: flags.input && o.stdinIsTty ? 'missing' : false,
      recorded: manifest.options,
      ...(deps.streams ? { streams: deps.streams } : {}),
    },
    o,
  );
  const { prepareUpdate } = await import('../../io/update.js');
  return finish(prepareUpdate({ blueprint: bp, options: values, targetDir: dir, force: flags.force ?? false, toolVersion: toolVersion(), source, ...sourceLabel(origin, ctx) }), flags, o, deps);
}

/** How a blueprint that is not built in is named in its error messages, from the current folder. */
function sourceLabel(origin: BlueprintOrigin, ctx: CatalogueContext): { sourceLabel?: string } {
  return origin.type === 'builtin' ? {} : { sourceLabel: describeOrigin(origin, ctx.cwd) };
}

/** Show the plan, then write it (or not: --dry-run, --check, an update declined). The exit code. */
async function finish(prepared: PreparedGeneration, flags: GenerateFlags, o: Output, deps: CommandDeps = {}): Promise<number> {
  const { plan } = prepared;
  const update = prepared.command === 'update';
  const warnings = plan.warnings ?? [];
  if (flags.format === 'json') {
    o.out(
      JSON.stringify(
        {
          target: prepared.target.root,
          entries: plan.entries.map(({ path, action, reason, file, details }) => ({ path, action, mode: file.mode, ...(reason ? { reason } : {}), ...(details ? { details } : {}) })),
          obsolete: plan.obsolete,
          ...(plan.removals ? { removals: plan.removals.map(({ path, action, reason }) => ({ path, action, reason })) } : {}),
          ...(update ? { warnings } : {}),
        },
        null,
        2,
      ),
    );
  } else {
    o.out(formatPlan(plan.entries, o, update));
    if (plan.removals) for (const r of plan.removals) o.out(line(o, r.action, r.path, r.reason));
    else for (const p of plan.obsolete) o.out(`  ${paint(o, 'yellow', 'obsolete')}  ${p} (no longer rendered; left in place)`);
  }
  // Warnings name changes that lose data outside the repository (a new /home, stacks replaced): those are written
  // only when the user says so, at the prompt or with --yes; without a terminal to ask on, --yes is required.
  // Refused, the error comes first and carries the warnings, so that it is the first thing a log shows.
  const mustConfirm = update && warnings.length > 0 && !flags.yes && !flags.dryRun && !flags.check;
  if (mustConfirm && !(flags.input && o.stdinIsTty)) {
    throw new UsageError(
      `This update can lose data; nothing was written. Check it with --dry-run, then run it again with --yes.\n${warnings.map((w) => `${paint(o, 'yellow', 'warning')}: ${w}`).join('\n')}`,
    );
  }
  // Said before anything is written, whatever the mode: this is the one change that loses data outside the repo.
  for (const w of warnings) o.err(`${paint(o, 'yellow', 'warning')}: ${w}`);
  if (flags.dryRun) {
    if (flags.format === 'text') o.out(await diffs(plan, update));
    return 0;
  }
  if (flags.check) {
    if (hasDrift(plan)) {
      throw new ConflictError(
        update
          ? `${prepared.target.root} is behind blueprint "${prepared.request.blueprint.id}": "catalyst-gen update" would change ${changedCount(plan)} file(s).`
          : `${prepared.target.root} differs from what blueprint "${prepared.request.blueprint.id}" renders.`,
      );
    }
    return 0;
  }
  if (mustConfirm) {
    const ask = deps.ask ?? (async (message: string) => (await import('../prompts.js')).askYesNo(message, deps.streams));
    if (!(await ask(`Write this update despite the ${warnings.length} warning(s) above?`))) {
      o.err('Nothing was written.');
      return 1;
    }
  }
  const result = await applyGenerationAsync(prepared);
  if (flags.format === 'text') {
    // `removed` lists project files only: stale base copies in .catalyst-gen/ are bookkeeping, never counted.
    const removed = result.removed.length > 0 ? `, ${result.removed.length} removed` : '';
    o.out(`${paint(o, 'green', 'done')}: ${result.written.length} file(s) written${removed} in ${prepared.target.root}.`);
  }
  const c = plan.entries.filter((e) => e.action === 'conflict');
  if (update && c.length > 0) throw new ConflictError(conflictReport(c), c.map((e) => e.path));
  return 0;
}

/**
 * Every conflicting file with each conflicting place (where, yours, the blueprint's), then how to resolve it:
 * a file that got markers is resolved by keeping the right lines; a file left as it was (a merged devfile, an
 * invalid merge) by editing it to the value wanted, an ownership rule, or --force.
 */
export function conflictReport(c: readonly PlanEntry[]): string {
  const marked = c.filter((e) => e.content !== undefined && hasConflictMarkers(e.content));
  const left = c.filter((e) => !marked.includes(e));
  const out = [`${c.length} file(s) have conflicts:`];
  for (const e of c) out.push(`  ${e.path}: ${e.reason}${(e.details ?? []).map((d) => `\n      ${d}`).join('')}`);
  out.push('Everything else was updated.');
  if (marked.length > 0) {
    out.push(
      `In ${marked.map((e) => e.path).join(', ')}: keep the right lines between the markers (<<<<<<< yours / ======= / >>>>>>> blueprint), remove the markers, then run "catalyst-gen update" again.`,
    );
  }
  for (const e of left) {
    out.push(
      `${e.path} was left as it is (no markers). Either edit it to the values you want and run "catalyst-gen update" again; or keep yours for good with the line "${e.path} keep-mine" in .catalyst-gen/ownership; or take the blueprint's with "catalyst-gen update --force".`,
    );
  }
  return out.join('\n');
}

function changedCount(plan: WritePlan): number {
  return plan.entries.filter((e) => e.action !== 'unchanged' && e.action !== 'keep').length + (plan.removals ?? []).filter((r) => r.action === 'remove').length;
}

type Colour = 'green' | 'yellow' | 'red' | 'dim' | 'cyan';
const labels: Record<PlanEntry['action'] | 'remove', Colour> = {
  create: 'green',
  update: 'cyan',
  merge: 'cyan',
  unchanged: 'dim',
  keep: 'dim',
  conflict: 'red',
  remove: 'yellow',
};

/** `update` says `replace` for a file rewritten from the render; `new` keeps its historic `update`. */
export function formatPlan(entries: readonly PlanEntry[], o: Output, update = false): string {
  return entries
    .map((e) => {
      const text = line(o, e.action, e.path, e.reason, update && e.action === 'update' ? 'replace' : e.action);
      return text + (e.details ?? []).map((d) => `\n              ${paint(o, 'dim', d)}`).join('');
    })
    .join('\n');
}

function line(o: Output, action: PlanEntry['action'] | 'remove', path: string, reason: string | undefined, label: string = action): string {
  return `  ${paint(o, labels[action], label.padEnd(9))} ${path}${reason ? paint(o, 'dim', `  (${reason})`) : ''}`;
}

async function diffs(plan: WritePlan, update: boolean): Promise<string> {
  const { createTwoFilesPatch } = await import('diff');
  const patch = (path: string, before: string | undefined, after: string | undefined) =>
    createTwoFilesPatch(before === undefined ? '/dev/null' : `a/${path}`, after === undefined ? '/dev/null' : `b/${path}`, before ?? '', after ?? '', undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
  const out: string[] = [];
  for (const e of plan.entries) {
    // `new` never writes a conflict; its diff shows what --force would write.
    const after = writtenContent(e) ?? (!update && e.action === 'conflict' ? e.file.content : undefined);
    if (after !== undefined && after !== e.current) out.push(patch(e.path, e.current, after));
  }
  for (const r of plan.removals ?? []) if (r.action === 'remove') out.push(patch(r.path, r.current, undefined));
  return out.join('');
}

/** Before any question is asked: the target must be a folder, or not exist yet (a file there is a usage error). */
function checkTargetFolder(target: string): void {
  let st;
  try {
    st = statSync(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new UsageError(`Cannot make a project in ${target}: a part of that path is a file, not a folder.`);
    throw new EnvironmentError(`Cannot use ${target}: ${(e as Error).message}`, { cause: e });
  }
  if (!st.isDirectory()) throw new UsageError(`${target} is a file, not a folder: "new" makes a project in a folder (a new or empty one, or one it made before).`);
}
