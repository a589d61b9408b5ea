import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCodeBuildRun } from '../../src/cli/commands/codebuild.js';
import { captureOutput } from '../codeartifact/env.js';
import { REPO_ROOT } from '../helpers/files.js';
import { useSandboxedLoopback, type LoopbackReply, type LoopbackRequest } from './loopback.js';

// `codebuild run` as CI runs it: the command in its own process (the TypeScript sources through tsx, so the test
// does not depend on a build), against a loopback CodeBuild speaking awsJson1.1. The test sends the signals a
// user (Ctrl-C: SIGINT) or CI (cancelling a job: SIGTERM) sends, at the moment a request reaches the fake, and
// checks what CodeBuild was asked, what was said and the exit code. Time bounds are generous: each case would
// take minutes (or forever) if the signal were not handled.
let reply: (r: LoopbackRequest) => LoopbackReply;
let child: ChildProcess | undefined;

const JSON11 = { 'content-type': 'application/x-amz-json-1.1' };
const build = (status: string, complete = false): LoopbackReply => ({ status: 200, headers: JSON11, body: { build: { id: 'p1:1', buildStatus: status, buildComplete: complete } } });
const builds = (status: string, complete = false): LoopbackReply => ({ status: 200, headers: JSON11, body: { builds: [{ id: 'p1:1', buildStatus: status, buildComplete: complete }] } });

const loopback = useSandboxedLoopback((r) => reply(r));
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  loopback.server.requests.length = 0;
});

/** Start `catalyst-gen codebuild run --project p1 ...` against the fake; `done` resolves when it exits. */
function runCli(extra: string[], vars: Record<string, string> = {}) {
  const started = Date.now();
  const proc = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli/bin.ts'), 'codebuild', 'run', '--project', 'p1', ...extra], {
    cwd: REPO_ROOT,
    env: { ...process.env, AWS_ENDPOINT_URL_CODEBUILD: loopback.server.url, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...vars },
  });
  child = proc;
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (d: Buffer) => void (stdout += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => void (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number }>((resolve) =>
    proc.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - started })),
  );
  return { proc, done };
}

const targets = () => loopback.server.requests.map((r) => r.target);

describe('codebuild run stops the build on SIGTERM and SIGINT', () => {
  it('SIGTERM (CI cancelling the job) while following: StopBuild for the build, then exit 143 at once', async () => {
    let term: (() => void) | undefined;
    reply = (r) => {
      if (r.target === 'StartBuild') return build('IN_PROGRESS');
      if (r.target === 'StopBuild') return build('IN_PROGRESS');
      if (r.target === 'BatchGetBuilds') {
        term?.();
        return builds('IN_PROGRESS');
      }
      return { status: 400, headers: JSON11, body: { __type: 'InvalidInputException', message: `unexpected ${r.target}` } };
    };
    const { proc, done } = runCli(['--poll-seconds', '1']);
    term = () => proc.kill('SIGTERM');
    const r = await done;
    expect(r.code, r.stderr).toBe(143);
    expect(r.signal).toBeNull();
    expect(targets()).toEqual(['StartBuild', 'BatchGetBuilds', 'StopBuild']);
    expect(JSON.parse(loopback.server.requests[2]!.body)).toEqual({ id: 'p1:1' });
    expect(r.stderr).toBe('Stopping build p1:1 (SIGTERM)...\nStop requested for build p1:1 (IN_PROGRESS); CodeBuild ends it shortly.\n');
    expect(r.ms).toBeLessThan(60_000);
  });

  it('SIGTERM while BatchGetBuilds hangs: the call is abandoned, the build stopped, exit 143 long before any timeout', async () => {
    let term: (() => void) | undefined;
    reply = (r) => {
      if (r.target === 'StartBuild') return build('IN_PROGRESS');
      if (r.target === 'StopBuild') return build('STOPPED', true);
      term?.();
      return 'never';
    };
    // The default limits (60 s an attempt, 180 s an operation): only the signal can end this quickly.
    const { proc, done } = runCli(['--poll-seconds', '1']);
    term = () => proc.kill('SIGTERM');
    const r = await done;
    expect(r.code, r.stderr).toBe(143);
    expect(targets()).toEqual(['StartBuild', 'BatchGetBuilds', 'StopBuild']);
    expect(r.stderr).toContain('Build STOPPED after SIGTERM: p1:1');
    expect(r.ms).toBeLessThan(50_000);
  });

  it('a signal while StartBuild is in flight stops the build it starts', async () => {
    let term: (() => void) | undefined;
    reply = (r) => {
      if (r.target === 'StartBuild') {
        term?.();
        return { ...(build('QUEUED') as object), delayMs: 500 } as LoopbackReply;
      }
      if (r.target === 'StopBuild') return build('STOPPED', true);
      return builds('IN_PROGRESS');
    };
    const { proc, done } = runCli(['--poll-seconds', '1']);
    term = () => proc.kill('SIGTERM');
    const r = await done;
    expect(r.code, r.stderr).toBe(143);
    expect(targets()).toEqual(['StartBuild', 'StopBuild']);
    expect(r.stdout).toContain('Started build p1:1.');
    expect(r.stderr).toContain('Build STOPPED after SIGTERM: p1:1');
  });

  it('StopBuild that hangs: a second Ctrl-C leaves at once, saying the build may still be running and its id (exit 130)', async () => {
    let press: (() => void) | undefined;
    reply = (r) => {
      if (r.target === 'StartBuild') return build('IN_PROGRESS');
      if (r.target === 'BatchGetBuilds') return builds('IN_PROGRESS');
      press?.();
      return 'never';
    };
    const { proc, done } = runCli(['--poll-seconds', '300']);
    press = () => proc.kill('SIGINT');
    // The first Ctrl-C once the build has started; the second when StopBuild reaches CodeBuild (and hangs there).
    proc.stdout!.on('data', (d: Buffer) => d.toString().includes('Started build') && proc.kill('SIGINT'));
    const r = await done;
    expect(r.code, r.stderr).toBe(130);
    expect(targets()).toEqual(['StartBuild', 'StopBuild']);
    expect(r.stderr).toContain('Stopping build p1:1 (Ctrl-C again to stop waiting; the build stops either way)...');
    expect(r.stderr).toMatch(/Not waiting for CodeBuild to answer StopBuild: build p1:1 may still be running/);
    expect(r.ms).toBeLessThan(50_000);
  });

  it('StopBuild that hangs, with no second signal: bounded by the AWS timeouts, then it says the build may still be running (exit 143)', async () => {
    reply = (r) => {
      if (r.target === 'StartBuild') return build('IN_PROGRESS');
      if (r.target === 'BatchGetBuilds') return builds('IN_PROGRESS');
      return 'never';
    };
    const { proc, done } = runCli(['--poll-seconds', '300'], { CATALYST_GEN_AWS_TIMEOUT: '1' });
    proc.stdout!.on('data', (d: Buffer) => d.toString().includes('Started build') && proc.kill('SIGTERM'));
    const r = await done;
    expect(r.code, r.stderr).toBe(143);
    expect(targets()).toEqual(['StartBuild', 'StopBuild', 'StopBuild', 'StopBuild']);
    expect(r.stderr).toMatch(/^error: codebuild:StopBuild on build p1:1 timed out: AWS did not answer within 1 s .*CATALYST_GEN_AWS_TIMEOUT/m);
    expect(r.stderr).toMatch(/The stop was not confirmed: build p1:1 may still be running/);
    expect(r.ms).toBeLessThan(50_000);
  });
});

describe('codebuild run after Ctrl-C (in process)', () => {
  it('a build that does not end after StopBuild is left after the stop wait, saying it may still be running (exit 130)', async () => {
    let handler: ((s?: 'SIGINT' | 'SIGTERM') => void) | undefined;
    const calls: string[] = [];
    const running = { id: 'p1:9', status: 'IN_PROGRESS', complete: false, phases: [] };
    const api = {
      getProject: async () => undefined,
      createProject: async () => undefined,
      updateProject: async () => undefined,
      startBuild: async () => {
        calls.push('StartBuild');
        setTimeout(() => handler?.('SIGINT'), 10);
        return running;
      },
      getBuild: async () => (calls.push('BatchGetBuilds'), running),
      stopBuild: async () => (calls.push('StopBuild'), running),
    };
    const o = captureOutput();
    const started = Date.now();
    const code = await runCodeBuildRun({ project: 'p1', follow: true, pollSeconds: '1' }, o, {
      api,
      tty: false,
      stopWaitMs: 300,
      onInterrupt: (h) => ((handler = h), () => void (handler = undefined)),
    });
    expect(code).toBe(130);
    expect(calls.slice(0, 2)).toEqual(['StartBuild', 'StopBuild']);
    expect(o.stderr.at(-1)).toBe('Stop requested for build p1:9; it has not ended after 0.3 s, not waiting longer: it may still be running.');
    expect(handler).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
