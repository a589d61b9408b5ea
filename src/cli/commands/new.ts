import { ConflictError, UsageError } from '../../errors.js';
import { applyGeneration, prepareGeneration, readManifest, type PreparedGeneration } from '../../io/generate.js';
import { hasDrift, type PlanEntry } from '../../io/plan.js';
import { TargetFolder } from '../../io/target.js';
import { findBlueprint } from '../catalogue.js';
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
  readonly format: 'text' | 'json';
}

export async function runNew(id: string, dir: string, flags: GenerateFlags, o: Output): Promise<void> {
  const bp = findBlueprint(id);
  const values = await resolveOptions(bp, { ...(flags.options ? { optionsFile: flags.options } : {}), sets: flags.set, interactive: flags.input && o.stdinIsTty }, o);
  await finish(prepareGeneration({ blueprint: bp, options: values, targetDir: dir, force: flags.force ?? false, toolVersion: toolVersion() }), flags, o);
}

/** Re-render what the manifest records, with the recorded options plus the changes given. */
export async function runUpdate(dir: string, flags: GenerateFlags, o: Output): Promise<void> {
  const manifest = readManifest(new TargetFolder(dir));
  if (!manifest) throw new UsageError(`${dir} has no .catalyst-gen/manifest.json; create a project with "catalyst-gen new" first.`);
  const bp = findBlueprint(manifest.blueprint.id);
  const values = await resolveOptions(
    bp,
    { ...(flags.options ? { optionsFile: flags.options } : {}), sets: flags.set, interactive: flags.input && o.stdinIsTty, recorded: manifest.options },
    o,
  );
  await finish(prepareGeneration({ blueprint: bp, options: values, targetDir: dir, force: flags.force ?? false, toolVersion: toolVersion() }), flags, o);
}

async function finish(prepared: PreparedGeneration, flags: GenerateFlags, o: Output): Promise<void> {
  const { plan } = prepared;
  if (flags.format === 'json') {
    o.out(JSON.stringify({ target: prepared.target.root, entries: plan.entries.map(({ path, action, reason, file }) => ({ path, action, mode: file.mode, ...(reason ? { reason } : {}) })), obsolete: plan.obsolete }, null, 2));
  } else {
    o.out(formatPlan(plan.entries, o));
    for (const p of plan.obsolete) o.out(`  ${paint(o, 'yellow', 'obsolete')}  ${p} (no longer rendered; left in place)`);
  }
  if (flags.dryRun) {
    if (flags.format === 'text') o.out(await diffs(plan.entries));
    return;
  }
  if (flags.check) {
    if (hasDrift(plan)) throw new ConflictError(`${prepared.target.root} differs from what blueprint "${prepared.request.blueprint.id}" renders.`);
    return;
  }
  const result = applyGeneration(prepared);
  if (flags.format === 'text') {
    o.out(`${paint(o, 'green', 'done')}: ${result.written.length} file(s) written to ${prepared.target.root}.`);
  }
}

const labels: Record<PlanEntry['action'], 'green' | 'yellow' | 'red' | 'dim' | 'cyan'> = {
  create: 'green',
  update: 'cyan',
  unchanged: 'dim',
  keep: 'dim',
  conflict: 'red',
};

export function formatPlan(entries: readonly PlanEntry[], o: Output): string {
  return entries
    .map((e) => `  ${paint(o, labels[e.action], e.action.padEnd(9))} ${e.path}${e.reason ? paint(o, 'dim', `  (${e.reason})`) : ''}`)
    .join('\n');
}

async function diffs(entries: readonly PlanEntry[]): Promise<string> {
  const { createTwoFilesPatch } = await import('diff');
  return entries
    .filter((e) => e.action === 'create' || e.action === 'update' || e.action === 'conflict')
    .map((e) => createTwoFilesPatch(e.current === undefined ? '/dev/null' : `a/${e.path}`, `b/${e.path}`, e.current ?? '', e.file.content, undefined, undefined, { context: 3 }).replace(/^=+\n/, ''))
    .join('');
}
