import type { BuildState, CodeBuildApi } from '../../aws/codebuild.js';
import { checkCodeBuildProject, DEFAULT_IMAGE, projectNameProblem, renderProjectInput, type CodeBuildProjectDef } from '../../aws/codebuild-project.js';
import { UsageError, ValidationError } from '../../errors.js';
import { readUserTextFile } from '../../io/read-file.js';
import { hasErrors } from '../../model/diagnostic.js';
import { validateText } from '../../validate/file.js';
import { loadCodeBuildApi } from '../aws-sdk.js';
import { abortAfter, FollowSignals, onStopSignals, pollSecondsOf, wait, type FollowDeps } from '../follow.js';
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
  /** How long Ctrl-C waits for a stopped build to end. @default 60 s */
  readonly stopWaitMs?: number;
}

async function apiFor(flags: AwsFlags, deps: CodeBuildDeps): Promise<CodeBuildApi> {
  if (deps.api) return deps.api;
  return loadCodeBuildApi({ ...(flags.region ? { region: flags.region } : {}), ...(flags.profile ? { profile: flags.profile } : {}) });
}

/** Read and validate a buildspec file; a file with errors is never sent to CodeBuild. */
function loadBuildspec(path: string, image?: string): string {
  const text = readUserTextFile(path, 'buildspec');
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

/** How long Ctrl-C waits for a stopped build to end before leaving (it keeps stopping on CodeBuild's side). */
const STOP_WAIT_MS = 60_000;

/**
 * `catalyst-gen codebuild run`: start a build and follow it until it completes. Returns the exit code:
 * 0 when the build succeeded, 1 when it failed, timed out or was stopped elsewhere, 130 when Ctrl-C (SIGINT)
 * stopped it, 143 when SIGTERM did.
 */
export async function runCodeBuildRun(flags: CodeBuildRunFlags, o: Output, deps: CodeBuildDeps = {}): Promise<number> {
  const pollSeconds = pollSecondsOf(flags.pollSeconds);
  if (pollSeconds === undefined) throw new UsageError('--poll-seconds must be 1 to 300.');
  const nameProblem = projectNameProblem(flags.project);
  if (nameProblem) throw new UsageError(nameProblem);
  const override = flags.buildspec ? loadBuildspec(flags.buildspec) : undefined;
  const api = await apiFor(flags, deps);
  const request = {
    projectName: flags.project,
    ...(override !== undefined ? { buildspecOverride: override } : {}),
    ...(flags.sourceVersion ? { sourceVersion: flags.sourceVersion } : {}),
  };
  const started = (build: BuildState) => {
    o.out(`Started build ${build.id}${override !== undefined ? ` with the buildspec from ${flags.buildspec}` : ''}.`);
    if (build.logsLink) o.out(`Logs: ${build.logsLink}`);
  };
  if (!flags.follow) {
    started(await api.startBuild(request));
    return 0;
  }
  // While following, Ctrl-C and SIGTERM (CI cancelling the job) stop the build: a build left running costs money
  // and holds its resources. Listening starts before StartBuild, so a signal while it is in flight (or prompted
  // by the first line) stops the build it starts. A second signal leaves at once.
  const signals = new FollowSignals();
  const unsubscribe = (deps.onInterrupt ?? onStopSignals)((signal) => signals.receive(signal ?? 'SIGINT'));
  try {
    let build: BuildState;
    try {
      build = await api.startBuild(request, signals.leave);
    } catch (e) {
      if (!signals.leaving) throw e;
      o.err(`Not waiting for CodeBuild to answer StartBuild: a build of project ${flags.project} may have started and may still be running.`);
      return signals.exitCode;
    }
    started(build);
    const followed = await followBuild(build, api, signals, pollSeconds, o, deps);
    return signals.stopping && !followed.complete ? await stopBuild(followed.id, api, signals, pollSeconds, o, deps) : reportBuild(followed, o, deps.tty ?? Boolean(process.stdout.isTTY));
  } finally {
    unsubscribe();
  }
}

/** Poll until the build completes or the first signal arrives (which cuts the wait or the call in flight short). */
async function followBuild(first: BuildState, api: CodeBuildApi, signals: FollowSignals, pollSeconds: number, o: Output, deps: CodeBuildDeps): Promise<BuildState> {
  const sleep = deps.sleep ?? wait;
  const tty = deps.tty ?? Boolean(process.stdout.isTTY);
  let build = first;
  let shown = '';
  while (!build.complete && !signals.stopping) {
    if (tty && build.currentPhase && build.currentPhase !== shown) {
      shown = build.currentPhase;
      o.out(`  ${paint(o, 'cyan', '>')} ${shown}`);
    }
    await sleep(pollSeconds * 1000, signals.stop);
    if (signals.stopping) break;
    try {
      build = await api.getBuild(build.id, signals.stop);
    } catch (e) {
      if (!signals.stopping) throw e;
    }
  }
  return build;
}

/**
 * After a signal: StopBuild, then (Ctrl-C) follow the build until it ends, for at most a minute, or (SIGTERM:
 * CI kills the job soon after) leave once CodeBuild has the request. Every call is bounded by the AWS timeouts; a
 * second signal leaves at once. Whatever happens, the last line says whether the build may still be running.
 */
async function stopBuild(id: string, api: CodeBuildApi, signals: FollowSignals, pollSeconds: number, o: Output, deps: CodeBuildDeps): Promise<number> {
  const sleep = deps.sleep ?? wait;
  const by = () => (signals.last === 'SIGTERM' ? 'SIGTERM' : 'Ctrl-C');
  const stillRunning = `build ${id} may still be running (stop it with "aws codebuild stop-build --id ${id}")`;
  const failed = (e: unknown) => {
    o.err(`${paint(o, 'red', 'error')}: ${(e as Error).message}`);
    o.err(`The stop was not confirmed: ${stillRunning}.`);
    return signals.exitCode;
  };
  o.err(signals.last === 'SIGTERM' ? `Stopping build ${id} (SIGTERM)...` : `Stopping build ${id} (Ctrl-C again to stop waiting; the build stops either way)...`);
  let build: BuildState;
  try {
    build = await api.stopBuild(id, signals.leave);
  } catch (e) {
    if (!signals.leaving) return failed(e);
    o.err(`Not waiting for CodeBuild to answer StopBuild: ${stillRunning}.`);
    return signals.exitCode;
  }
  if (!build.complete && !signals.leaving && signals.last === 'SIGTERM') {
    o.err(`Stop requested for build ${id} (${build.status}); CodeBuild ends it shortly.`);
    return signals.exitCode;
  }
  const stopWaitMs = deps.stopWaitMs ?? STOP_WAIT_MS;
  const waiting = abortAfter(signals.leave, stopWaitMs);
  try {
    while (!build.complete) {
      if (!signals.leaving && !waiting.timedOut()) await sleep(Math.min(pollSeconds, 2) * 1000, waiting.signal);
      if (signals.leaving) {
        o.err(`Stop requested for build ${id}; not waiting for it to end: it may still be running.`);
        return signals.exitCode;
      }
      if (waiting.timedOut()) {
        o.err(`Stop requested for build ${id}; it has not ended after ${stopWaitMs / 1000} s, not waiting longer: it may still be running.`);
        return signals.exitCode;
      }
      try {
        build = await api.getBuild(id, waiting.signal);
      } catch (e) {
        if (!signals.leaving && !waiting.timedOut()) return failed(e);
      }
    }
  } finally {
    waiting.dispose();
  }
  o.err(`${paint(o, 'red', `Build ${build.status}`)} after ${by()}: ${id}`);
  return signals.exitCode;
}

/** The end of a build that ended on its own: the phases (on a terminal), then the result. */
function reportBuild(build: BuildState, o: Output, tty: boolean): number {
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
