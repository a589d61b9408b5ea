import { readFileSync } from 'node:fs';
import type { BuildState, CodeBuildApi } from '../../aws/codebuild.js';
import { checkCodeBuildProject, DEFAULT_IMAGE, projectNameProblem, renderProjectInput, type CodeBuildProjectDef } from '../../aws/codebuild-project.js';
import { EnvironmentError, UsageError, ValidationError } from '../../errors.js';
import { hasErrors } from '../../validate/diagnostic.js';
import { validateText } from '../../validate/file.js';
import { loadCodeBuildApi } from '../aws-sdk.js';
import { onSigint, pollSecondsOf, wait, type FollowDeps } from '../follow.js';
import { paint, type Output } from '../output.js';

export interface AwsFlags {
  readonly region?: string;
  readonly profile?: string;
}

/** The flags named like the definition's fields go into it as given; the others are renamed, grouped or parsed. */
export interface CodeBuildSyncFlags extends AwsFlags, Pick<CodeBuildProjectDef, 'serviceRole' | 'image' | 'computeType' | 'environmentType' | 'sourceType' | 'sourceLocation'> {
  readonly project: string;
  readonly buildspec: string;
  readonly vpcId?: string;
  readonly subnet: readonly string[];
  readonly securityGroup: readonly string[];
  readonly logGroup?: string;
  readonly timeoutMinutes?: string;
  readonly dryRun?: boolean;
}

export interface CodeBuildRunFlags extends AwsFlags {
  readonly project: string;
  readonly buildspec?: string;
  readonly sourceVersion?: string;
  readonly follow: boolean;
  readonly pollSeconds?: string;
}

export interface CodeBuildDeps extends FollowDeps {
  readonly api?: CodeBuildApi;
}

async function apiFor(flags: AwsFlags, deps: CodeBuildDeps): Promise<CodeBuildApi> {
  if (deps.api) return deps.api;
  return loadCodeBuildApi({ ...(flags.region ? { region: flags.region } : {}), ...(flags.profile ? { profile: flags.profile } : {}) });
}

/** Read and validate a buildspec file; a file with errors is never sent to CodeBuild. */
function loadBuildspec(path: string, image?: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new EnvironmentError(`Cannot read the buildspec ${path}: ${(e as Error).message}`);
  }
  const diagnostics = validateText(text, path, 'buildspec', image ? { buildImage: image } : {});
  if (hasErrors(diagnostics)) throw new ValidationError(`${path} is not a valid buildspec; nothing was sent to CodeBuild.`, diagnostics, new Map([[path, text]]));
  return text;
}

/**
 * `catalyst-gen codebuild sync`: create the project, or update it when it exists, from a buildspec file.
 * Only flags the user gave count: an update keeps every setting no flag names (see renderProjectInput).
 */
export async function runCodeBuildSync(flags: CodeBuildSyncFlags, o: Output, deps: CodeBuildDeps = {}): Promise<void> {
  const wantsVpc = flags.vpcId !== undefined || flags.subnet.length > 0 || flags.securityGroup.length > 0;
  if (wantsVpc && (flags.vpcId === undefined || flags.subnet.length === 0 || flags.securityGroup.length === 0)) {
    throw new UsageError('A VPC build needs --vpc-id, at least one --subnet and at least one --security-group.');
  }
  const timeout = flags.timeoutMinutes !== undefined ? Number(flags.timeoutMinutes) : undefined;
  const def: CodeBuildProjectDef = {
    name: flags.project,
    buildspec: loadBuildspec(flags.buildspec, flags.image ?? DEFAULT_IMAGE),
    ...(flags.image ? { image: flags.image } : {}),
    ...(flags.serviceRole ? { serviceRole: flags.serviceRole } : {}),
    ...(flags.computeType ? { computeType: flags.computeType } : {}),
    ...(flags.environmentType ? { environmentType: flags.environmentType } : {}),
    ...(flags.sourceType ? { sourceType: flags.sourceType } : {}),
    ...(flags.sourceLocation ? { sourceLocation: flags.sourceLocation } : {}),
    ...(wantsVpc ? { vpc: { vpcId: flags.vpcId!, subnets: flags.subnet, securityGroupIds: flags.securityGroup } } : {}),
    ...(flags.logGroup ? { logGroupName: flags.logGroup } : {}),
    ...(timeout !== undefined ? { timeoutInMinutes: timeout } : {}),
  };
  const early = checkCodeBuildProject(def, false);
  if (early.length > 0) throw new UsageError(early.join('\n'));
  // The request depends on whether the project exists and what it has, so even a dry run reads it (read-only).
  const api = await apiFor(flags, deps);
  const existing = await api.getProject(def.name);
  if (!existing) {
    const problems = checkCodeBuildProject(def, true);
    if (problems.length > 0) throw new UsageError(`Project ${def.name} does not exist yet: ${problems.join(' ')}`);
  }
  const input = renderProjectInput(def, existing);
  if (flags.dryRun) {
    o.out(`${existing ? 'UpdateProject' : 'CreateProject'} ${JSON.stringify(input, null, 2)}`);
    o.out('Dry run: nothing was sent to CodeBuild.');
    return;
  }
  if (existing) await api.updateProject(input);
  else await api.createProject(input);
  o.out(`${paint(o, 'green', existing ? 'updated' : 'created')} CodeBuild project ${def.name}${def.vpc ? ` (VPC ${def.vpc.vpcId}, ${def.vpc.subnets.length} subnet(s))` : ''}`);
}

/**
 * `catalyst-gen codebuild run`: start a build and follow it until it completes. Returns the exit code:
 * 0 when the build succeeded, 1 when it failed, timed out or was stopped elsewhere, 130 when Ctrl-C stopped it.
 */
export async function runCodeBuildRun(flags: CodeBuildRunFlags, o: Output, deps: CodeBuildDeps = {}): Promise<number> {
  const pollSeconds = pollSecondsOf(flags.pollSeconds);
  if (pollSeconds === undefined) throw new UsageError('--poll-seconds must be 1 to 300.');
  const nameProblem = projectNameProblem(flags.project);
  if (nameProblem) throw new UsageError(nameProblem);
  const override = flags.buildspec ? loadBuildspec(flags.buildspec) : undefined;
  const api = await apiFor(flags, deps);
  const sleep = deps.sleep ?? wait;
  const tty = deps.tty ?? Boolean(process.stdout.isTTY);
  let build = await api.startBuild({
    projectName: flags.project,
    ...(override !== undefined ? { buildspecOverride: override } : {}),
    ...(flags.sourceVersion ? { sourceVersion: flags.sourceVersion } : {}),
  });
  // Ctrl-C while following stops the build (a build left running costs money and holds its resources), then
  // keeps following until CodeBuild says it stopped. A second Ctrl-C leaves at once, the stop already requested.
  // Listening starts before anything is printed, so a Ctrl-C prompted by the first line is caught.
  const id = build.id;
  let interrupts = 0;
  let waiting: AbortController | undefined;
  const unsubscribe = flags.follow
    ? (deps.onInterrupt ?? onSigint)(() => {
        interrupts++;
        waiting?.abort();
      })
    : () => undefined;
  o.out(`Started build ${build.id}${override !== undefined ? ` with the buildspec from ${flags.buildspec}` : ''}.`);
  if (build.logsLink) o.out(`Logs: ${build.logsLink}`);
  if (!flags.follow) return 0;
  /** Wait, or less when Ctrl-C is pressed (or was, since `seen` presses); the timer goes with the wait. */
  const pause = async (seconds: number, seen: number) => {
    if (interrupts > seen) return;
    waiting = new AbortController();
    await sleep(seconds * 1000, waiting.signal);
    waiting = undefined;
  };
  let stopping = false;
  try {
    let shown = '';
    while (!build.complete) {
      if (tty && build.currentPhase && build.currentPhase !== shown) {
        shown = build.currentPhase;
        o.out(`  ${paint(o, 'cyan', '>')} ${shown}`);
      }
      if (!stopping) {
        await pause(pollSeconds, 0);
        if (interrupts > 0) {
          stopping = true;
          o.err(`Stopping build ${id} (Ctrl-C again to stop waiting; the build stops either way)...`);
          build = await api.stopBuild(id);
          continue;
        }
      } else {
        await pause(Math.min(pollSeconds, 2), 1);
        if (interrupts > 1) {
          o.err(`Stop requested for build ${id}; not waiting for it to end.`);
          return 130;
        }
      }
      build = await api.getBuild(id);
    }
  } finally {
    unsubscribe();
  }
  if (stopping) {
    o.err(`${paint(o, 'red', `Build ${build.status}`)} after Ctrl-C: ${id}`);
    return 130;
  }
  if (tty) for (const p of build.phases) if (p.status) o.out(`  ${p.type.padEnd(18)} ${p.status}${p.seconds !== undefined ? ` ${p.seconds}s` : ''}`);
  if (build.status === 'SUCCEEDED') {
    o.out(`${paint(o, 'green', 'Build SUCCEEDED')}: ${build.id}`);
    return 0;
  }
  const failed = failedPhase(build);
  o.err(`${paint(o, 'red', `Build ${build.status}`)}${failed ? ` in phase ${failed.type}` : ''}: ${build.id}${failed?.messages.length ? ` - ${failed.messages.join('; ')}` : ''}`);
  return 1;
}

function failedPhase(b: BuildState) {
  return b.phases.find((p) => p.status !== undefined && p.status !== 'SUCCEEDED');
}
