import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { captureOutput, sandboxEnv } from '../codeartifact/env.js';
import { startFakeAws, type Recorded, type Reply } from '../codeartifact/fake-server.js';
import { REPO_ROOT } from '../helpers/files.js';

// The real CodeBuild client against a loopback server speaking awsJson1.1 (X-Amz-Target, epoch-second
// timestamps, `__type` errors), reached through AWS_ENDPOINT_URL_CODEBUILD.
let env: ReturnType<typeof sandboxEnv>;
let fake: Awaited<ReturnType<typeof startFakeAws>>;
let script: ((r: Recorded, target: string) => Reply | undefined) | undefined;
let dir: string;
const target = (r: Recorded) => String(r.headers['x-amz-target'] ?? '').replace('CodeBuild_20161006.', '');
const jsonError = (type: string, message: string): Reply => ({ status: 400, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: { __type: type, message } });

beforeAll(async () => {
  env = sandboxEnv();
  dir = mkdtempSync(join(tmpdir(), 'cg-cbwire-'));
  writeFileSync(join(dir, 'buildspec.yml'), 'version: 0.2\nphases:\n  build:\n    commands:\n      - make\n');
  fake = await startFakeAws((r) => {
    const t = target(r);
    const scripted = script?.(r, t);
    if (scripted) return scripted;
    if (t === 'BatchGetProjects') return { status: 200, body: { projects: [], projectsNotFound: JSON.parse(r.body).names } };
    if (t === 'CreateProject') return { status: 200, body: { project: { name: JSON.parse(r.body).name, created: 1700000000 } } };
    if (t === 'StartBuild') return { status: 200, body: { build: { id: 'p1:1', buildStatus: 'IN_PROGRESS', startTime: 1700000000.5 } } };
    if (t === 'BatchGetBuilds') return { status: 200, body: { builds: [{ id: 'p1:1', buildComplete: true, buildStatus: 'SUCCEEDED', startTime: 1700000000.5, endTime: 1700000060, phases: [{ phaseType: 'BUILD', phaseStatus: 'SUCCEEDED', durationInSeconds: 50, startTime: 1700000001 }] }] } };
    return jsonError('InvalidInputException', `unexpected ${t}`);
  });
  process.env['AWS_ENDPOINT_URL_CODEBUILD'] = fake.url;
});
afterAll(async () => {
  await fake.close();
  env.restore();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.requests.length = 0;
  script = undefined;
});

describe('codebuild commands against a loopback CodeBuild', () => {
  it('sync sends BatchGetProjects then CreateProject as awsJson1.1 with the project fields', async () => {
    const o = captureOutput();
    const code = await run(['codebuild', 'sync', '--project', 'p1', '--buildspec', join(dir, 'buildspec.yml'), '--service-role', 'arn:aws:iam::111122223333:role/r', '--vpc-id', 'vpc-0123456789abcdef0', '--subnet', 'subnet-0123456789abcdef0', '--security-group', 'sg-0123456789abcdef0'], o);
    expect(code).toBe(0);
    expect(fake.requests.map(target)).toEqual(['BatchGetProjects', 'CreateProject']);
    const create = fake.requests[1]!;
    expect(create.method).toBe('POST');
    expect(create.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(String(create.headers['authorization'])).toMatch(/\/us-west-2\/codebuild\/aws4_request/);
    const body = JSON.parse(create.body);
    expect(body.source).toEqual({ type: 'NO_SOURCE', buildspec: 'version: 0.2\nphases:\n  build:\n    commands:\n      - make\n' });
    expect(body.vpcConfig).toEqual({ vpcId: 'vpc-0123456789abcdef0', subnets: ['subnet-0123456789abcdef0'], securityGroupIds: ['sg-0123456789abcdef0'] });
    expect(body.logsConfig).toEqual({ cloudWatchLogs: { status: 'ENABLED' } });
  });

  it('run parses epoch timestamps and follows the build to SUCCEEDED', async () => {
    const o = captureOutput();
    expect(await run(['codebuild', 'run', '--project', 'p1', '--poll-seconds', '1'], o)).toBe(0);
    expect(fake.requests.map(target)).toEqual(['StartBuild', 'BatchGetBuilds']);
    expect(JSON.parse(fake.requests[1]!.body)).toEqual({ ids: ['p1:1'] });
    expect(o.stdout.at(-1)).toBe('Build SUCCEEDED: p1:1');
  });

  it('retries ThrottlingException and succeeds', async () => {
    let n = 0;
    script = (_r, t) => (t === 'StartBuild' && n++ === 0 ? jsonError('ThrottlingException', 'Rate exceeded') : undefined);
    expect(await run(['codebuild', 'run', '--project', 'p1', '--no-follow'], captureOutput())).toBe(0);
    expect(fake.requests.map(target)).toEqual(['StartBuild', 'StartBuild']);
  });

  it.each([
    ['ResourceNotFoundException', 'Project cannot be found: p9', /^error: Not found: codebuild:StartBuild on project p9: Project cannot be found: p9$/],
    ['AccessDeniedException', 'not authorized to perform codebuild:StartBuild', /^error: Access denied for codebuild:StartBuild on project p9: not authorized/],
  ])('maps %s to one line and exit 3', async (type, message, expected) => {
    script = () => jsonError(type, message);
    const o = captureOutput();
    expect(await run(['codebuild', 'run', '--project', 'p9'], o)).toBe(3);
    expect(o.stderr).toHaveLength(1);
    expect(o.stderr[0]).toMatch(expected);
  });

  it('the installed command stops the build on SIGINT, at once even with a long poll interval, and exits 130', async () => {
    let stopped = false;
    script = (r, t) => {
      if (t === 'StopBuild') {
        stopped = true;
        return { status: 200, body: { build: { id: JSON.parse(r.body).id, buildStatus: 'IN_PROGRESS', buildComplete: false } } };
      }
      if (t === 'BatchGetBuilds') return { status: 200, body: { builds: [{ id: 'p1:1', buildComplete: stopped, buildStatus: stopped ? 'STOPPED' : 'IN_PROGRESS' }] } };
      return undefined;
    };
    const pkg = JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const child = spawn(process.execPath, [resolve(REPO_ROOT, pkg.bin['catalyst-gen']!), 'codebuild', 'run', '--project', 'p1', '--poll-seconds', '300'], { env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('Started build p1:1')) child.kill('SIGINT');
    });
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    const started = Date.now();
    const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
    // The 300 s wait was cut short and its timer cleared: the process ends after two more requests, not 300 s.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(code, `${stdout}\n${stderr}`).toBe(130);
    expect(fake.requests.map(target)).toEqual(['StartBuild', 'StopBuild', 'BatchGetBuilds']);
    expect(JSON.parse(fake.requests[1]!.body)).toEqual({ id: 'p1:1' });
    expect(stderr).toContain('Stopping build p1:1');
    expect(stderr).toContain('Build STOPPED after Ctrl-C: p1:1');
  });

  it('the built binary prints no AWS SDK NodeVersionSupportWarning before the command output', async () => {
    const childEnv = { ...process.env };
    delete childEnv['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'];
    const bin = resolve(import.meta.dirname, '..', '..', 'dist', 'src', 'cli', 'bin.js');
    // Asynchronously: the loopback server answering the child runs in this process.
    const r = await promisify(execFile)(process.execPath, [bin, 'codebuild', 'run', '--project', 'p1', '--no-follow'], { encoding: 'utf8', env: childEnv, timeout: 60_000 });
    expect(r.stdout).toContain('Started build p1:1');
    expect(r.stderr).not.toContain('NodeVersionSupportWarning');
    expect(r.stderr).toBe('');
  });
});
