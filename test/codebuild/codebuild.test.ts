import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuildPhase, type StatusType, BatchGetBuildsCommand, BatchGetProjectsCommand, CodeBuildClient, CreateProjectCommand, StartBuildCommand, StopBuildCommand, UpdateProjectCommand } from '@aws-sdk/client-codebuild';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { createCodeBuildApi } from '../../src/aws/codebuild.js';
import { run } from '../../src/cli/main.js';
import { runCodeBuildRun } from '../../src/cli/commands/codebuild.js';
import { renderBuildspec } from '../../src/render/buildspec.js';
import { serializeYaml } from '../../src/render/serialize.js';
import { captureOutput, sandboxEnv } from '../codeartifact/env.js';

const cb = mockClient(CodeBuildClient);
let env: ReturnType<typeof sandboxEnv>;
let dir: string;
let buildspec: string;
const ROLE = 'arn:aws:iam::111122223333:role/codebuild-Private-service-role';
const VPC = ['--vpc-id', 'vpc-0123456789abcdef0', '--subnet', 'subnet-0123456789abcdef0', '--subnet', 'subnet-0fedcba9876543210', '--security-group', 'sg-0123456789abcdef0'];

beforeAll(() => {
  env = sandboxEnv();
  dir = mkdtempSync(join(tmpdir(), 'cg-codebuild-'));
  buildspec = join(dir, 'buildspec.yml');
  const text = serializeYaml(renderBuildspec({ phases: { install: { runtimeVersions: { nodejs: '20' }, commands: ['npm ci'] }, build: { commands: ['npm test'] } }, codeArtifact: { domain: 'private', repository: 'Private', tools: ['npm'] } }));
  writeFileSync(buildspec, text);
});
afterAll(() => {
  cb.restore();
  env.restore();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => cb.reset());

describe('codebuild sync (SDK mocked)', () => {
  it('creates a missing project with the buildspec inline, VPC config, CloudWatch logs, image and compute type', async () => {
    cb.on(BatchGetProjectsCommand).resolves({ projects: [], projectsNotFound: ['Private'] });
    cb.on(CreateProjectCommand).resolves({});
    const o = captureOutput();
    const code = await run(['codebuild', 'sync', '--project', 'Private', '--buildspec', buildspec, '--service-role', ROLE, '--compute-type', 'BUILD_GENERAL1_MEDIUM', '--log-group', '/builds/private', ...VPC], o);
    expect(code).toBe(0);
    const input = cb.commandCalls(CreateProjectCommand)[0]!.args[0].input;
    expect(input).toMatchObject({
      name: 'Private',
      serviceRole: ROLE,
      source: { type: 'NO_SOURCE' },
      artifacts: { type: 'NO_ARTIFACTS' },
      environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/amazonlinux-x86_64-standard:5.0', computeType: 'BUILD_GENERAL1_MEDIUM' },
      vpcConfig: { vpcId: 'vpc-0123456789abcdef0', subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'], securityGroupIds: ['sg-0123456789abcdef0'] },
      logsConfig: { cloudWatchLogs: { status: 'ENABLED', groupName: '/builds/private' } },
    });
    expect(YAML.parse(input.source!.buildspec!).phases.install.commands[2]).toMatch(/^aws codeartifact login --tool npm/);
    expect(cb.commandCalls(UpdateProjectCommand)).toHaveLength(0);
    expect(o.stdout.join('\n')).toContain('created CodeBuild project Private (VPC vpc-0123456789abcdef0, 2 subnet(s))');
  });

  it('updates an existing project without flags: only the buildspec, inside its current source; environment, logs and artifacts untouched', async () => {
    const existingSource = { type: 'GITHUB' as const, location: 'https://github.com/acme/app.git', gitCloneDepth: 1, reportBuildStatus: true, buildspec: 'old' };
    cb.on(BatchGetProjectsCommand).resolves({
      projects: [{
        name: 'Private',
        source: existingSource,
        artifacts: { type: 'S3', location: 'acme-artifacts' },
        environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_LARGE', privilegedMode: true, environmentVariables: [{ name: 'STAGE', value: 'prod', type: 'PLAINTEXT' }] },
      }],
    });
    cb.on(UpdateProjectCommand).resolves({});
    const code = await run(['codebuild', 'sync', '--project', 'Private', '--buildspec', buildspec], captureOutput());
    expect(code).toBe(0);
    expect(cb.commandCalls(UpdateProjectCommand)[0]!.args[0].input).toEqual({
      name: 'Private',
      source: { ...existingSource, buildspec: readFileSync(buildspec, 'utf8') },
    });
    expect(cb.commandCalls(CreateProjectCommand)).toHaveLength(0);
  });

  it('updates only the settings given as flags, merged into the current environment and logs', async () => {
    cb.on(BatchGetProjectsCommand).resolves({
      projects: [{
        name: 'Private',
        source: { type: 'CODECOMMIT', location: 'https://git-codecommit.us-west-2.amazonaws.com/v1/repos/app' },
        environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_LARGE', imagePullCredentialsType: 'CODEBUILD', privilegedMode: true },
        logsConfig: { cloudWatchLogs: { status: 'DISABLED' }, s3Logs: { status: 'ENABLED', location: 'acme-logs/builds' } },
      }],
    });
    cb.on(UpdateProjectCommand).resolves({});
    const code = await run(['codebuild', 'sync', '--project', 'Private', '--buildspec', buildspec, '--image', 'aws/codebuild/amazonlinux2-aarch64-standard:3.0', '--log-group', '/builds/private', '--timeout-minutes', '30'], captureOutput());
    expect(code).toBe(0);
    expect(cb.commandCalls(UpdateProjectCommand)[0]!.args[0].input).toEqual({
      name: 'Private',
      source: { type: 'CODECOMMIT', location: 'https://git-codecommit.us-west-2.amazonaws.com/v1/repos/app', buildspec: readFileSync(buildspec, 'utf8') },
      environment: { type: 'ARM_CONTAINER', image: 'aws/codebuild/amazonlinux2-aarch64-standard:3.0', computeType: 'BUILD_GENERAL1_LARGE', imagePullCredentialsType: 'CODEBUILD', privilegedMode: true },
      timeoutInMinutes: 30,
      logsConfig: { cloudWatchLogs: { status: 'ENABLED', groupName: '/builds/private' }, s3Logs: { status: 'ENABLED', location: 'acme-logs/builds' } },
    });
  });

  it.each([
    ['aws/codebuild/amazonlinux2-aarch64-standard:3.0', undefined, 'ARM_CONTAINER'],
    ['aws/codebuild/amazonlinux-aarch64-standard:3.0', undefined, 'ARM_CONTAINER'],
    ['public.ecr.aws/acme/builder:arm64', undefined, 'ARM_CONTAINER'],
    ['arm64v8/node:20', undefined, 'ARM_CONTAINER'],
    ['my.registry/farm-tools:1', undefined, 'LINUX_CONTAINER'],
    ['acme/harmony-builder:2', undefined, 'LINUX_CONTAINER'],
    ['my.registry/builder:1', 'ARM_CONTAINER', 'ARM_CONTAINER'],
  ])('image %s with --environment-type %s creates a %s project', async (image, type, expected) => {
    cb.on(BatchGetProjectsCommand).resolves({ projects: [] });
    cb.on(CreateProjectCommand).resolves({});
    const args = ['codebuild', 'sync', '--project', 'Private', '--buildspec', buildspec, '--service-role', ROLE, '--image', image, ...(type ? ['--environment-type', type] : [])];
    expect(await run(args, captureOutput())).toBe(0);
    expect(cb.commandCalls(CreateProjectCommand)[0]!.args[0].input.environment).toEqual({
      type: expected,
      image,
      computeType: 'BUILD_GENERAL1_SMALL',
      imagePullCredentialsType: image.startsWith('aws/codebuild/') ? 'CODEBUILD' : 'SERVICE_ROLE',
    });
  });

  it('refuses an invalid buildspec before calling CodeBuild (exit 1)', async () => {
    const bad = join(dir, 'bad-buildspec.yml');
    // GitHub Actions steps in a phase: CodeBuild would run none of them. (An empty phase is only a warning: CodeBuild runs it.)
    writeFileSync(bad, 'version: 0.2\nphases:\n  build:\n    steps:\n      - run: make\n');
    const o = captureOutput();
    expect(await run(['codebuild', 'sync', '--project', 'Private', '--buildspec', bad], o)).toBe(1);
    expect(o.stderr.join('\n')).toMatch(/bad-buildspec\.yml:4:5: error BUILDSPEC-SCHEMA-ADDITIONALPROPERTIES/);
    expect(cb.calls()).toHaveLength(0);
  });

  it('needs a service role to create, and complete VPC settings (exit 2)', async () => {
    cb.on(BatchGetProjectsCommand).resolves({ projects: [] });
    expect(await run(['codebuild', 'sync', '--project', 'Private', '--buildspec', buildspec], captureOutput())).toBe(2);
    expect(await run(['codebuild', 'sync', '--project', 'Private', '--buildspec', buildspec, '--vpc-id', 'vpc-0123456789abcdef0'], captureOutput())).toBe(2);
    expect(cb.commandCalls(CreateProjectCommand)).toHaveLength(0);
  });
});

describe('codebuild run (SDK mocked)', () => {
  const phases = (last: string, status: StatusType): BuildPhase[] => [
    { phaseType: 'SUBMITTED', phaseStatus: 'SUCCEEDED', durationInSeconds: 0 },
    { phaseType: 'INSTALL', phaseStatus: last === 'INSTALL' ? status : 'SUCCEEDED', durationInSeconds: 12, contexts: last === 'INSTALL' && status === 'FAILED' ? [{ statusCode: 'COMMAND_EXECUTION_ERROR', message: 'Error while executing command: aws codeartifact login. Reason: exit status 255' }] : [] },
  ];

  it('refuses a name CodeBuild would refuse, before any call, like sync does (usage error)', async () => {
    const err = await runCodeBuildRun({ project: 'p', follow: false }, captureOutput(), { api: createCodeBuildApi() }).catch((e: unknown) => e);
    expect(err).toMatchObject({ exitCode: 2, message: expect.stringContaining('is not a CodeBuild project name') });
    expect(cb.commandCalls(StartBuildCommand)).toHaveLength(0);
  });

  it('starts the build with the buildspec override, follows the phases on a TTY and exits 0 on success', async () => {
    cb.on(StartBuildCommand).resolves({ build: { id: 'Private:1', buildStatus: 'IN_PROGRESS', currentPhase: 'SUBMITTED', logs: { deepLink: 'https://console.example/logs' } } });
    cb.on(BatchGetBuildsCommand)
      .resolvesOnce({ builds: [{ id: 'Private:1', buildComplete: false, buildStatus: 'IN_PROGRESS', currentPhase: 'PROVISIONING' }] })
      .resolvesOnce({ builds: [{ id: 'Private:1', buildComplete: false, buildStatus: 'IN_PROGRESS', currentPhase: 'INSTALL' }] })
      .resolves({ builds: [{ id: 'Private:1', buildComplete: true, buildStatus: 'SUCCEEDED', currentPhase: 'COMPLETED', phases: phases('INSTALL', 'SUCCEEDED') }] });
    const o = captureOutput();
    const sleeps: number[] = [];
    const code = await runCodeBuildRun({ project: 'Private', buildspec, follow: true, pollSeconds: '2' }, o, { api: createCodeBuildApi(), sleep: async (ms) => void sleeps.push(ms), tty: true });
    expect(code).toBe(0);
    expect(cb.commandCalls(StartBuildCommand)[0]!.args[0].input).toEqual({ projectName: 'Private', buildspecOverride: expect.stringContaining('aws codeartifact login') });
    expect(cb.commandCalls(BatchGetBuildsCommand).map((c) => c.args[0].input)).toEqual(Array(3).fill({ ids: ['Private:1'] }));
    expect(sleeps).toEqual([2000, 2000, 2000]);
    expect(o.stdout.filter((l) => l.includes('>')).map((l) => l.trim())).toEqual(['> SUBMITTED', '> PROVISIONING', '> INSTALL']);
    expect(o.stdout.at(-1)).toBe('Build SUCCEEDED: Private:1');
  });

  it('exits 1 with the failing phase and its reason when the build fails', async () => {
    cb.on(StartBuildCommand).resolves({ build: { id: 'Private:2', buildStatus: 'IN_PROGRESS' } });
    cb.on(BatchGetBuildsCommand).resolves({ builds: [{ id: 'Private:2', buildComplete: true, buildStatus: 'FAILED', phases: phases('INSTALL', 'FAILED') }] });
    const o = captureOutput();
    const code = await run(['codebuild', 'run', '--project', 'Private', '--poll-seconds', '1'], o);
    expect(code).toBe(1);
    expect(o.stderr).toEqual(['Build FAILED in phase INSTALL: Private:2 - COMMAND_EXECUTION_ERROR: Error while executing command: aws codeartifact login. Reason: exit status 255']);
    expect(cb.commandCalls(StartBuildCommand)[0]!.args[0].input).toEqual({ projectName: 'Private' });
  });

  /** A Ctrl-C source for runCodeBuildRun: `press()` calls the handler it registered; `active` while registered. */
  function fakeInterrupts() {
    let handler: (() => void) | undefined;
    return {
      onInterrupt: (h: () => void) => ((handler = h), () => void (handler = undefined)),
      press: () => handler?.(),
      get active() {
        return handler !== undefined;
      },
    };
  }

  it('Ctrl-C while following stops the build, follows it to STOPPED and exits 130', async () => {
    cb.on(StartBuildCommand).resolves({ build: { id: 'Private:4', buildStatus: 'IN_PROGRESS', currentPhase: 'BUILD' } });
    cb.on(StopBuildCommand).resolves({ build: { id: 'Private:4', buildStatus: 'IN_PROGRESS', buildComplete: false, currentPhase: 'BUILD' } });
    cb.on(BatchGetBuildsCommand)
      .resolvesOnce({ builds: [{ id: 'Private:4', buildComplete: false, buildStatus: 'IN_PROGRESS', currentPhase: 'FINALIZING' }] })
      .resolves({ builds: [{ id: 'Private:4', buildComplete: true, buildStatus: 'STOPPED', currentPhase: 'COMPLETED' }] });
    const ctrlC = fakeInterrupts();
    const sleeps: number[] = [];
    const o = captureOutput();
    // The first wait is cut short by Ctrl-C; the next ones (while the build stops) run their course.
    const sleep = async (ms: number, signal: AbortSignal) => {
      sleeps.push(ms);
      if (sleeps.length === 1) {
        ctrlC.press();
        expect(signal.aborted).toBe(true);
      }
    };
    const code = await runCodeBuildRun({ project: 'Private', follow: true, pollSeconds: '30' }, o, { api: createCodeBuildApi(), sleep, onInterrupt: ctrlC.onInterrupt, tty: false });
    expect(code).toBe(130);
    expect(cb.commandCalls(StopBuildCommand).map((c) => c.args[0].input)).toEqual([{ id: 'Private:4' }]);
    expect(cb.commandCalls(BatchGetBuildsCommand)).toHaveLength(2);
    expect(sleeps).toEqual([30_000, 2000, 2000]);
    expect(o.stderr).toEqual(['Stopping build Private:4 (Ctrl-C again to stop waiting; the build stops either way)...', 'Build STOPPED after Ctrl-C: Private:4']);
    expect(ctrlC.active).toBe(false);
  });

  it('a second Ctrl-C leaves without waiting for the build to stop', async () => {
    cb.on(StartBuildCommand).resolves({ build: { id: 'Private:5', buildStatus: 'IN_PROGRESS' } });
    cb.on(StopBuildCommand).resolves({ build: { id: 'Private:5', buildStatus: 'IN_PROGRESS', buildComplete: false } });
    cb.on(BatchGetBuildsCommand).resolves({ builds: [{ id: 'Private:5', buildComplete: false, buildStatus: 'IN_PROGRESS' }] });
    const ctrlC = fakeInterrupts();
    let waits = 0;
    const o = captureOutput();
    const code = await runCodeBuildRun({ project: 'Private', follow: true }, o, { api: createCodeBuildApi(), sleep: async () => void (++waits <= 2 && ctrlC.press()), onInterrupt: ctrlC.onInterrupt, tty: false });
    expect(code).toBe(130);
    expect(cb.commandCalls(StopBuildCommand)).toHaveLength(1);
    expect(cb.commandCalls(BatchGetBuildsCommand)).toHaveLength(0);
    expect(o.stderr.at(-1)).toBe('Stop requested for build Private:5; not waiting for it to end: it may still be running.');
    expect(ctrlC.active).toBe(false);
  });

  it('a build that ends on its own removes the Ctrl-C handler and never calls StopBuild', async () => {
    cb.on(StartBuildCommand).resolves({ build: { id: 'Private:6', buildStatus: 'IN_PROGRESS' } });
    cb.on(BatchGetBuildsCommand).resolves({ builds: [{ id: 'Private:6', buildComplete: true, buildStatus: 'SUCCEEDED' }] });
    const ctrlC = fakeInterrupts();
    const code = await runCodeBuildRun({ project: 'Private', follow: true }, captureOutput(), { api: createCodeBuildApi(), sleep: async () => undefined, onInterrupt: ctrlC.onInterrupt, tty: false });
    expect(code).toBe(0);
    expect(ctrlC.active).toBe(false);
    expect(cb.commandCalls(StopBuildCommand)).toHaveLength(0);
  });

  it('--no-follow returns after starting the build', async () => {
    cb.on(StartBuildCommand).resolves({ build: { id: 'Private:3' } });
    expect(await run(['codebuild', 'run', '--project', 'Private', '--no-follow'], captureOutput())).toBe(0);
    expect(cb.commandCalls(BatchGetBuildsCommand)).toHaveLength(0);
  });

  it('maps a missing project to one line and exit 3', async () => {
    cb.on(StartBuildCommand).rejects(Object.assign(new Error('Project cannot be found: arn:aws:codebuild:us-west-2:111122223333:project/Nope'), { name: 'ResourceNotFoundException', $metadata: {} }));
    const o = captureOutput();
    expect(await run(['codebuild', 'run', '--project', 'Nope'], o)).toBe(3);
    expect(o.stderr).toEqual(['error: Not found: codebuild:StartBuild on project Nope: Project cannot be found: arn:aws:codebuild:us-west-2:111122223333:project/Nope']);
  });
});
