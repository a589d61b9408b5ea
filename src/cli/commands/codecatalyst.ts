import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { CodeCatalystApi, WorkflowRunState, WorkflowSummary } from '../../aws/codecatalyst.js';
import { ConflictError, UsageError } from '../../errors.js';
import type { GitRunner } from '../../io/git.js';
import { parseManifest, MANIFEST_PATH } from '../../io/manifest.js';
import { isRecord } from '../../model/values.js';
import { parseYamlSource } from '../../validate/source.js';
import { closest } from '../../validate/suggest.js';
import { loadCodeCatalystApi } from '../aws-sdk.js';
import { INTERRUPTED, pollSecondsOf, pollUntil, type FollowDeps } from '../follow.js';
import { paint, table, type Output } from '../output.js';
import { readUserTextFile } from '../../io/read-file.js';

/**
 * `catalyst-gen codecatalyst create | run | runs | devenv`: from a folder of generated files to a running
 * CodeCatalyst project. CodeCatalyst authenticates with a bearer token (an SSO session, or
 * AWS_BEARER_TOKEN_CODECATALYST); git keeps its own credentials.
 */
export interface CodeCatalystFlags {
  readonly space: string;
  readonly project: string;
  readonly profile?: string;
}

export interface CodeCatalystDeps extends FollowDeps {
  readonly api?: CodeCatalystApi;
  readonly git?: GitRunner;
}

/** CodeCatalyst's naming rules, checked before any call (names go into URL paths). */
const SPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{2,62}$/;
const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{2,62}$/;
const REPOSITORY_NAME = /^(?!.*\.git$)[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const BRANCH_NAME = /^(?!.*\.\.)(?!.*\/$)[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;

function checkNames(n: { space: string; project: string; repository?: string; branch?: string }): void {
  const bad: string[] = [];
  if (!SPACE_NAME.test(n.space)) bad.push(`--space "${n.space}" (3-63 letters, digits and "-")`);
  if (!PROJECT_NAME.test(n.project)) bad.push(`--project "${n.project}" (3-63 letters, digits, ".", "_" and "-")`);
  if (n.repository !== undefined && !REPOSITORY_NAME.test(n.repository)) bad.push(`--repository "${n.repository}" (letters, digits, ".", "_" and "-", up to 100, not ending in .git)`);
  if (n.branch !== undefined && !BRANCH_NAME.test(n.branch)) bad.push(`--branch "${n.branch}"`);
  if (bad.length > 0) throw new UsageError(`Not a valid CodeCatalyst name: ${bad.join('; ')}.`);
}

async function apiFor(flags: CodeCatalystFlags, deps: CodeCatalystDeps): Promise<CodeCatalystApi> {
  return deps.api ?? loadCodeCatalystApi({ ...(flags.profile ? { profile: flags.profile } : {}) });
}

/** Where a project is in the console (the API gives no links). */
export function projectUrl(space: string, project: string): string {
  return `https://codecatalyst.aws/spaces/${encodeURIComponent(space)}/projects/${encodeURIComponent(project)}`;
}

export interface CreateFlags extends CodeCatalystFlags {
  readonly repository?: string;
  readonly branch: string;
  readonly dryRun?: boolean;
}

/**
 * Create the project (or use the one that exists), create the source repository (an existing one with a branch
 * is refused before anything is created), commit the folder with the user's git and push it.
 */
export async function runCodeCatalystCreate(dir: string, flags: CreateFlags, o: Output, deps: CodeCatalystDeps = {}): Promise<void> {
  const folder = resolve(dir);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`${dir} is not a folder: make the project first (catalyst-gen new <blueprint> ${dir}).`);
  if (readdirSync(folder).filter((n) => n !== '.git').length === 0) throw new UsageError(`${dir} is empty: there is nothing to push.`);
  const repository = flags.repository ?? basename(folder);
  checkNames({ space: flags.space, project: flags.project, repository, branch: flags.branch });
  const { space, project, branch } = flags;
  const api = await apiFor(flags, deps);
  const who = await api.verifySession();
  if (who) o.err(`Signed in to CodeCatalyst as ${who}.`);

  const existing = await api.getProject(space, project);
  const repo = existing ? await api.getRepository(space, project, repository) : { exists: false, branches: [] as string[] };
  if (repo.branches.length > 0) {
    throw new ConflictError(
      `The source repository ${repository} in ${space}/${project} already has branches (${repo.branches.join(', ')}); nothing was created or pushed. Choose another --repository, or push to it yourself with git.`,
    );
  }
  const message = initialCommitMessage(folder);
  if (flags.dryRun) {
    o.out(existing ? `Would use the existing project ${project} in space ${space}.` : `Would create the project ${project} in space ${space}.`);
    o.out(repo.exists ? `Would push to the existing, empty source repository ${repository}.` : `Would create the source repository ${repository}.`);
    o.out(`Would commit ${dir} with your git ("${message}", unless it has commits) and push it to branch ${branch}.`);
    return;
  }
  if (existing) o.out(`Using the existing project ${project} in space ${space}.`);
  else o.out(`${paint(o, 'green', 'Created')} project ${await api.createProject(space, project, `Made with catalyst-gen from ${basename(folder)}.`)} in space ${space}.`);
  if (!repo.exists) {
    await api.createRepository(space, project, repository, `Made with catalyst-gen.`);
    o.out(`${paint(o, 'green', 'Created')} source repository ${repository}.`);
  } else o.out(`Using the existing, empty source repository ${repository}.`);
  const url = await api.cloneUrl(space, project, repository);
  const { pushFolder } = await import('../../io/git.js');
  const pushed = await pushFolder(folder, url, branch, message, deps.git);
  o.out(`${paint(o, 'green', 'Pushed')} ${pushed.committed ? 'a first commit' : 'the existing history'} (${pushed.commit.slice(0, 7)}, ${pushed.files} files) to branch ${branch} of ${repository} (git remote "${pushed.remote}").`);
  o.out(`See it: ${projectUrl(space, project)}`);
  const workflows = workflowNames(folder);
  if (workflows.length > 0) {
    o.out(`\nWorkflows with a push trigger on ${branch} start by themselves. To start one and follow it:`);
    for (const w of workflows) o.out(`  catalyst-gen codecatalyst run ${w} --space ${space} --project ${project} --repository ${repository} --follow`);
  }
  if (existsSync(join(folder, 'devfile.yaml'))) o.out(`A Dev Environment on it:\n  catalyst-gen codecatalyst devenv --space ${space} --project ${project} --repository ${repository} --branch ${branch}`);
}

function initialCommitMessage(folder: string): string {
  try {
    const m = parseManifest(readUserTextFile(join(folder, MANIFEST_PATH), 'manifest'));
    if (m.ok) return `Initial commit: blueprint ${m.manifest.blueprint.id} ${m.manifest.blueprint.version}, made with catalyst-gen`;
  } catch {
    /* not made by catalyst-gen */
  }
  return 'Initial commit';
}

/** The `Name` of each workflow file in the folder. */
function workflowNames(folder: string): string[] {
  const dir = join(folder, '.codecatalyst', 'workflows');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .flatMap((f) => {
      const parsed = parseYamlSource(readUserTextFile(join(dir, f), 'workflow file'), f);
      const name = parsed.ok && isRecord(parsed.source.value) ? parsed.source.value['Name'] : undefined;
      return typeof name === 'string' ? [name] : [];
    });
}

export interface RunFlags extends CodeCatalystFlags {
  readonly repository?: string;
  readonly branch?: string;
  readonly follow?: boolean;
  readonly pollSeconds?: string;
}

/** The one workflow of that name (and repository, branch), or a usage error that lists what there is. */
async function findWorkflow(api: CodeCatalystApi, name: string, flags: RunFlags): Promise<WorkflowSummary> {
  const all = await api.listWorkflows(flags.space, flags.project);
  const scoped = all.filter((w) => (flags.repository === undefined || w.repository === flags.repository) && (flags.branch === undefined || w.branch === flags.branch));
  const named = scoped.filter((w) => w.name === name);
  if (named.length === 1) return named[0]!;
  const where = `${flags.space}/${flags.project}${flags.repository ? ` (repository ${flags.repository}${flags.branch ? `, branch ${flags.branch}` : ''})` : ''}`;
  if (named.length > 1) {
    throw new UsageError(`${named.length} workflows are named ${name} in ${where}: ${named.map((w) => `${w.repository}@${w.branch}`).join(', ')}. Choose one with --repository and --branch.`);
  }
  const names = [...new Set(scoped.map((w) => w.name))].sort();
  const guess = closest(name, names);
  throw new UsageError(
    names.length === 0
      ? `No workflows in ${where}: push .codecatalyst/workflows/ first (catalyst-gen codecatalyst create).`
      : `No workflow named ${name} in ${where}.${guess ? ` Did you mean ${guess}?` : ''} Workflows: ${names.join(', ')}.`,
  );
}

const ENDED = new Set(['SUCCEEDED', 'FAILED', 'STOPPED', 'SUPERSEDED', 'CANCELLED', 'NOT_RUN', 'ABANDONED']);

/**
 * Start a workflow run; with --follow, show its status until it ends: exit 0 when it succeeded, 1 when it failed,
 * stopped, was superseded or cancelled. Ctrl-C stops following only: the API cannot stop a run.
 */
export async function runCodeCatalystRun(workflow: string, flags: RunFlags, o: Output, deps: CodeCatalystDeps = {}): Promise<number> {
  checkNames({ space: flags.space, project: flags.project, ...(flags.repository ? { repository: flags.repository } : {}), ...(flags.branch ? { branch: flags.branch } : {}) });
  const pollSeconds = pollSecondsOf(flags.pollSeconds);
  if (pollSeconds === undefined) throw new UsageError('--poll-seconds must be 1 to 300.');
  const api = await apiFor(flags, deps);
  const wf = await findWorkflow(api, workflow, flags);
  if (wf.status && wf.status !== 'ACTIVE') o.err(`${paint(o, 'yellow', 'warning')}: workflow ${wf.name} is ${wf.status} in CodeCatalyst (run "catalyst-gen validate" on its file).`);
  const run = await api.startWorkflowRun(flags.space, flags.project, wf.id);
  const where = `${projectUrl(flags.space, flags.project)} (CI/CD > Workflows > ${wf.name})`;
  o.out(`Started run ${run.id} of workflow ${wf.name} (${wf.repository}, branch ${wf.branch}).`);
  if (!flags.follow) {
    o.out(`Follow it: ${where}, or catalyst-gen codecatalyst runs ${wf.name} --space ${flags.space} --project ${flags.project}`);
    return 0;
  }
  const show = (status: string) => o.out(`  ${paint(o, 'cyan', '>')} ${status}`);
  const ended = await pollUntil(run, () => api.getWorkflowRun(flags.space, flags.project, run.id), { status: (r) => r.status, done: (r) => ENDED.has(r.status), pollSeconds, show }, deps);
  if (ended === INTERRUPTED) {
    o.err(`Stopped following run ${run.id}. The run goes on in CodeCatalyst (the API cannot stop a run; stop it in the console): ${where}`);
    return 130;
  }
  return reportRun(ended, wf, o);
}

function reportRun(run: WorkflowRunState, wf: WorkflowSummary, o: Output): number {
  const took = run.startTime && run.endTime ? ` in ${Math.round((run.endTime.getTime() - run.startTime.getTime()) / 1000)}s` : '';
  if (run.status === 'SUCCEEDED') {
    o.out(`${paint(o, 'green', 'Run SUCCEEDED')}${took}: ${wf.name} ${run.id}`);
    return 0;
  }
  o.err(`${paint(o, 'red', `Run ${run.status}`)}${took}: ${wf.name} ${run.id}${run.reasons.length > 0 ? ` - ${run.reasons.join('; ')}` : ''}`);
  return 1;
}

/** The recent runs of a workflow, newest first. */
export async function runCodeCatalystRuns(workflow: string, flags: RunFlags & { readonly max?: string; readonly json?: boolean }, o: Output, deps: CodeCatalystDeps = {}): Promise<void> {
  checkNames({ space: flags.space, project: flags.project, ...(flags.repository ? { repository: flags.repository } : {}) });
  const max = flags.max !== undefined ? Number(flags.max) : 10;
  if (!Number.isInteger(max) || max < 1 || max > 50) throw new UsageError('--max must be 1 to 50.');
  const api = await apiFor(flags, deps);
  const wf = await findWorkflow(api, workflow, flags);
  const runs = await api.listWorkflowRuns(flags.space, flags.project, wf.id, max);
  if (flags.json) {
    o.out(JSON.stringify(runs.map((r) => ({ id: r.id, status: r.status, startTime: r.startTime?.toISOString(), endTime: r.endTime?.toISOString(), reasons: r.reasons })), null, 2));
    return;
  }
  if (runs.length === 0) {
    o.out(`Workflow ${wf.name} has not run yet.`);
    return;
  }
  o.out(table([['RUN', 'STATUS', 'STARTED', 'ENDED'], ...runs.map((r) => [r.id, r.status, r.startTime?.toISOString() ?? '', r.endTime?.toISOString() ?? ''])]));
}

/** IDEs a Dev Environment can be created with, and the runtime image each needs (VS Code needs none). */
export const DEV_ENVIRONMENT_IDES: Readonly<Record<string, string | undefined>> = {
  VSCode: undefined,
  IntelliJ: 'public.ecr.aws/jetbrains/iu:release',
  PyCharm: 'public.ecr.aws/jetbrains/py:release',
  GoLand: 'public.ecr.aws/jetbrains/go:release',
};
export const INSTANCE_TYPES = ['dev.standard1.small', 'dev.standard1.medium', 'dev.standard1.large', 'dev.standard1.xlarge'] as const;
export const STORAGE_GIB = [16, 32, 64] as const;

export interface DevenvFlags extends CodeCatalystFlags {
  readonly repository: string;
  readonly branch: string;
  readonly ide: string;
  readonly instanceType: string;
  readonly storage: string;
  readonly inactivityMinutes: string;
  readonly alias?: string;
  readonly wait: boolean;
  readonly pollSeconds?: string;
}

/** Create a Dev Environment on a branch (its devfile applies), wait until it runs, and say how to open it. */
export async function runCodeCatalystDevenv(flags: DevenvFlags, o: Output, deps: CodeCatalystDeps = {}): Promise<number> {
  checkNames({ space: flags.space, project: flags.project, repository: flags.repository, branch: flags.branch });
  const ide = Object.keys(DEV_ENVIRONMENT_IDES).find((k) => k.toLowerCase() === flags.ide.toLowerCase());
  if (!ide) throw new UsageError(`--ide ${flags.ide}: choose ${Object.keys(DEV_ENVIRONMENT_IDES).join(', ')}.`);
  if (!(INSTANCE_TYPES as readonly string[]).includes(flags.instanceType)) throw new UsageError(`--instance-type ${flags.instanceType}: choose ${INSTANCE_TYPES.join(', ')}.`);
  const storage = Number(flags.storage);
  if (!(STORAGE_GIB as readonly number[]).includes(storage)) throw new UsageError(`--storage ${flags.storage}: choose ${STORAGE_GIB.join(', ')} (GiB).`);
  const inactivity = Number(flags.inactivityMinutes);
  if (!Number.isInteger(inactivity) || !(inactivity === 0 || (inactivity >= 15 && inactivity <= 480))) throw new UsageError('--inactivity-minutes must be 0 (never stop) or 15 to 480.');
  const pollSeconds = pollSecondsOf(flags.pollSeconds);
  if (pollSeconds === undefined) throw new UsageError('--poll-seconds must be 1 to 300.');
  const api = await apiFor(flags, deps);
  const runtime = DEV_ENVIRONMENT_IDES[ide];
  const id = await api.createDevEnvironment(flags.space, flags.project, {
    repository: flags.repository,
    branch: flags.branch,
    ide: { name: ide, ...(runtime ? { runtime } : {}) },
    instanceType: flags.instanceType,
    storageGiB: storage,
    inactivityTimeoutMinutes: inactivity,
    ...(flags.alias ? { alias: flags.alias } : {}),
  });
  o.out(`Created Dev Environment ${id} on ${flags.repository}@${flags.branch} (${ide}, ${flags.instanceType}, ${storage} GiB).`);
  const open = `Open it: ${projectUrl(flags.space, flags.project)} (Code > Dev Environments)${ide === 'VSCode' ? ', or in VS Code with the AWS Toolkit (CodeCatalyst: Open Dev Environment)' : `, or with JetBrains Gateway and the AWS Toolkit`}.`;
  if (!flags.wait) {
    o.out(open);
    return 0;
  }
  const failed = (status: string) => ['FAILED', 'STOPPED', 'STOPPING', 'DELETING', 'DELETED'].includes(status);
  const read = () => api.getDevEnvironment(flags.space, flags.project, id);
  const show = (status: string) => o.out(`  ${paint(o, 'cyan', '>')} ${status}`);
  const state = await pollUntil(await read(), read, { status: (d) => d.status, done: (d) => d.status === 'RUNNING' || failed(d.status), pollSeconds, show }, deps);
  if (state === INTERRUPTED) {
    o.err(`Stopped waiting; Dev Environment ${id} goes on starting. ${open}`);
    return 130;
  }
  if (failed(state.status)) {
    o.err(`${paint(o, 'red', `Dev Environment ${state.status}`)}: ${id}${state.statusReason ? ` - ${state.statusReason}` : ''}`);
    return 1;
  }
  o.out(`${paint(o, 'green', 'Dev Environment RUNNING')}: ${id}. ${open}`);
  return 0;
}
