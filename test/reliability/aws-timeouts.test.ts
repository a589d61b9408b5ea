import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CodeartifactClient } from '@aws-sdk/client-codeartifact';
import { CodeCatalystClient } from '@aws-sdk/client-codecatalyst';
import { afterEach, describe, expect, it } from 'vitest';
import { awsCaller, awsTimeoutsFrom, DEFAULT_AWS_TIMEOUTS, sdkClientConfig } from '../../src/aws/client.js';
import { mapAwsError } from '../../src/aws/errors.js';
import { run } from '../../src/cli/main.js';
import { captureOutput } from '../codeartifact/env.js';
import { setEnv, TIMEOUT_KEYS, useSandboxedLoopback, type LoopbackReply, type LoopbackRequest } from './loopback.js';

// The real SDK v3 clients against a loopback server that holds requests open or answers late, with the limits
// shortened through the documented variables so each case takes seconds. Bounds on time are generous: what is
// asserted is that the command ends, with the message, not how fast.
let reply: (r: LoopbackRequest) => LoopbackReply = () => 'never';
let restore: (() => void) | undefined;
const loopback = useSandboxedLoopback((r) => reply(r));
afterEach(() => {
  restore?.();
  restore = undefined;
  loopback.server.requests.length = 0;
  reply = () => 'never';
});

/** Run the CLI in this process with the given variables (the loopback endpoints among them); its time in ms. */
async function cli(vars: Record<string, string | undefined>, ...argv: string[]) {
  restore = setEnv({ ...Object.fromEntries(TIMEOUT_KEYS.map((k) => [k, undefined])), ...vars });
  const o = captureOutput();
  const started = Date.now();
  const code = await run(argv, o);
  return { code, o, ms: Date.now() - started };
}

const login = (vars: Record<string, string | undefined>) =>
  cli({ AWS_ENDPOINT_URL_CODEARTIFACT: loopback.server.url, ...vars }, 'codeartifact', 'login', '--domain', 'my-domain', '--domain-owner', '111122223333', '--repository', 'my-repo', '--tool', 'npm');

const endpointReply = (r: LoopbackRequest): LoopbackReply =>
  r.url.pathname === '/v1/repository/endpoint'
    ? { status: 200, body: { repositoryEndpoint: 'https://my-domain-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/my-repo/' } }
    : { status: 200, body: { authorizationToken: 'late-but-fine-token', expiration: 1893456000 } };

describe('AWS calls have limits', () => {
  it('a CodeArtifact endpoint that never answers: the command ends with one timeout line (exit 3), after the SDK attempts, nothing written', async () => {
    const { code, o, ms } = await login({ CATALYST_GEN_AWS_TIMEOUT: '1' });
    expect(code).toBe(3);
    expect(o.stderr).toHaveLength(1);
    expect(o.stderr[0]).toMatch(/^error: codeartifact:GetRepositoryEndpoint \(npm\) on repository my-domain\/my-repo timed out: AWS did not answer within 1 s \(3 attempts\)\. Set CATALYST_GEN_AWS_TIMEOUT \(seconds\) to wait longer\.$/);
    // Retries are bounded: the SDK's 3 attempts, each cut at the request timeout.
    expect(loopback.server.requests).toHaveLength(3);
    expect(ms).toBeLessThan(30_000);
    expect(existsSync(join(loopback.home, '.npmrc'))).toBe(false);
  });

  it('a 500 that arrives late is retried only until the deadline, which says which variable allows longer', async () => {
    reply = () => ({ status: 500, delayMs: 1500, headers: { 'x-amzn-errortype': 'InternalServerException' }, body: { message: 'try again' } });
    const { code, o, ms } = await login({ CATALYST_GEN_AWS_TIMEOUT: '30', CATALYST_GEN_AWS_DEADLINE: '2' });
    expect(code).toBe(3);
    expect(o.stderr).toEqual(['error: codeartifact:GetRepositoryEndpoint (npm) on repository my-domain/my-repo timed out: no result within 2 s, retries included. Set CATALYST_GEN_AWS_DEADLINE (seconds) to allow longer.']);
    expect(loopback.server.requests.length).toBeLessThanOrEqual(2);
    expect(ms).toBeLessThan(20_000);
  });

  it('an answer that is late but within the limits is taken', async () => {
    reply = (r) => ({ ...(endpointReply(r) as object), delayMs: 1200 }) as LoopbackReply;
    const { code, o } = await login({ CATALYST_GEN_AWS_TIMEOUT: '10' });
    expect(code, o.all()).toBe(0);
    expect(existsSync(join(loopback.home, '.npmrc'))).toBe(true);
  });

  it('codebuild run: a BatchGetBuilds that never answers ends the command (exit 3) naming the operation and the build', async () => {
    reply = (r) => (r.target === 'StartBuild' ? { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: { build: { id: 'p1:7', buildStatus: 'IN_PROGRESS' } } } : 'never');
    const { code, o, ms } = await cli({ AWS_ENDPOINT_URL_CODEBUILD: loopback.server.url, CATALYST_GEN_AWS_TIMEOUT: '1' }, 'codebuild', 'run', '--project', 'p1', '--poll-seconds', '1');
    expect(code).toBe(3);
    expect(o.stdout).toEqual(['Started build p1:7.']);
    expect(o.stderr).toHaveLength(1);
    expect(o.stderr[0]).toMatch(/^error: codebuild:BatchGetBuilds on build p1:7 timed out: AWS did not answer within 1 s \(3 attempts\)\. Set CATALYST_GEN_AWS_TIMEOUT \(seconds\) to wait longer\.$/);
    expect(loopback.server.requests.map((r) => r.target)).toEqual(['StartBuild', 'BatchGetBuilds', 'BatchGetBuilds', 'BatchGetBuilds']);
    expect(ms).toBeLessThan(30_000);
    expect(process.listenerCount('SIGTERM')).toBe(0);
  });

  it('codecatalyst (a client on an older HTTP handler) is bounded the same way', async () => {
    const { code, o, ms } = await cli(
      { AWS_ENDPOINT_URL_CODECATALYST: loopback.server.url, AWS_BEARER_TOKEN_CODECATALYST: 'not-a-real-token', CATALYST_GEN_AWS_TIMEOUT: '1' },
      'codecatalyst', 'runs', 'Deploy', '--space', 'acme', '--project', 'shop',
    );
    expect(code).toBe(3);
    expect(o.stderr).toHaveLength(1);
    expect(o.stderr[0]).toMatch(/^error: codecatalyst:\w+ .* timed out: AWS did not answer within 1 s( \(\d attempts\))?\. Set CATALYST_GEN_AWS_TIMEOUT \(seconds\) to wait longer\.$/);
    expect(o.all()).not.toContain('not-a-real-token');
    expect(ms).toBeLessThan(30_000);
  });

  it('a limit that is not a positive number of seconds is a usage error (exit 2) naming the variable, before any call', async () => {
    const { code, o } = await login({ CATALYST_GEN_AWS_TIMEOUT: 'soon' });
    expect(code).toBe(2);
    expect(o.stderr).toEqual(['error: CATALYST_GEN_AWS_TIMEOUT must be a number of seconds greater than 0 and at most 86400 (it is "soon").']);
    expect(loopback.server.requests).toHaveLength(0);
  });
});

describe('the limits as the SDK gets them', () => {
  it('defaults: connect 10 s, each attempt 60 s, each operation 180 s; the variables override them in seconds', () => {
    expect(awsTimeoutsFrom({})).toEqual(DEFAULT_AWS_TIMEOUTS);
    expect(DEFAULT_AWS_TIMEOUTS).toEqual({ connectMs: 10_000, requestMs: 60_000, deadlineMs: 180_000 });
    expect(awsTimeoutsFrom({ CATALYST_GEN_AWS_CONNECT_TIMEOUT: '3', CATALYST_GEN_AWS_TIMEOUT: '0.5', CATALYST_GEN_AWS_DEADLINE: '600' })).toEqual({ connectMs: 3000, requestMs: 500, deadlineMs: 600_000 });
    for (const bad of ['0', '-1', 'NaN', '1e9', 'ten']) expect(() => awsTimeoutsFrom({ CATALYST_GEN_AWS_DEADLINE: bad })).toThrow(/CATALYST_GEN_AWS_DEADLINE must be a number of seconds/);
  });

  it('every client is built with a NodeHttpHandler carrying the connect and request timeouts, the request timeout an error', async () => {
    const timeouts = { connectMs: 4000, requestMs: 7000, deadlineMs: 20_000 };
    for (const client of [new CodeartifactClient({ region: 'us-west-2', ...sdkClientConfig({ timeouts }) }), new CodeCatalystClient({ region: 'us-west-2', ...sdkClientConfig({ timeouts }) })]) {
      const handler = client.config.requestHandler as unknown as { constructor: { name: string }; httpHandlerConfigs(): Record<string, unknown>; configProvider: Promise<Record<string, unknown>> };
      expect(handler.constructor.name).toBe('NodeHttpHandler');
      const config = await handler.configProvider;
      expect(config).toMatchObject({ connectionTimeout: 4000, requestTimeout: 7000 });
      client.destroy();
    }
  });

  it('the deadline ends an operation even when what runs does not listen to its signal', async () => {
    const call = awsCaller({ timeouts: { connectMs: 1000, requestMs: 1000, deadlineMs: 300 } });
    const err = await call('sts:GetCallerIdentity', () => new Promise(() => undefined)).catch((e: unknown) => e);
    expect(err).toMatchObject({ exitCode: 3, message: 'sts:GetCallerIdentity timed out: no result within 0.3 s, retries included. Set CATALYST_GEN_AWS_DEADLINE (seconds) to allow longer.' });
  });

  it('a connection that is never established names the connect limit and its variable', () => {
    const smithy = Object.assign(new Error('@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 10000 ms.'), { name: 'TimeoutError' });
    const system = Object.assign(new Error('connect ETIMEDOUT 10.0.0.1:443'), { code: 'ETIMEDOUT', syscall: 'connect' });
    for (const e of [smithy, system]) {
      expect(mapAwsError(e, 'codebuild:StopBuild on build p:1', { timeouts: DEFAULT_AWS_TIMEOUTS }).message).toBe(
        'codebuild:StopBuild on build p:1 timed out: no connection to the AWS endpoint within 10 s: check the network, the region and any AWS_ENDPOINT_URL setting; CATALYST_GEN_AWS_CONNECT_TIMEOUT (seconds) sets the limit.',
      );
    }
  });
});
