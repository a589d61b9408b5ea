import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { captureOutput, sandboxEnv } from './env.js';
import { restError, startFakeAws, type Recorded, type Reply } from './fake-server.js';

// The real SDK client talks to a loopback server playing CodeArtifact's REST-JSON protocol, reached through
// the standard AWS_ENDPOINT_URL_CODEARTIFACT override.
const TOKEN = 'wire-token-0123456789abcdef';
let env: ReturnType<typeof sandboxEnv>;
let fake: Awaited<ReturnType<typeof startFakeAws>>;
let script: ((r: Recorded) => Reply | undefined) | undefined;

const normal = (r: Recorded): Reply => {
  if (r.method === 'POST' && r.url.pathname === '/v1/authorization-token') return { status: 200, body: { authorizationToken: TOKEN, expiration: 1893456000 } };
  if (r.method === 'GET' && r.url.pathname === '/v1/repository/endpoint') {
    const q = r.url.searchParams;
    return { status: 200, body: { repositoryEndpoint: `https://${q.get('domain')}-${q.get('domain-owner')}.d.codeartifact.us-west-2.amazonaws.com/${q.get('format')}/${q.get('repository')}/` } };
  }
  return restError(404, 'ResourceNotFoundException', `no route ${r.method} ${r.url.pathname}`);
};

beforeAll(async () => {
  env = sandboxEnv();
  fake = await startFakeAws((r) => script?.(r) ?? normal(r));
  process.env['AWS_ENDPOINT_URL_CODEARTIFACT'] = fake.url;
});
afterAll(async () => {
  await fake.close();
  env.restore();
});
beforeEach(() => {
  fake.requests.length = 0;
  script = undefined;
});

const login = async (...extra: string[]) => {
  const o = captureOutput();
  const code = await run(['codeartifact', 'login', '--domain', 'my-domain', '--domain-owner', '111122223333', '--repository', 'my-repo', ...extra], o);
  return { code, o };
};

describe('codeartifact login against a loopback CodeArtifact', () => {
  it('sends signed requests with the documented routes and query fields, then writes .npmrc', async () => {
    const { code, o } = await login('--tool', 'npm', '--duration-seconds', '3600');
    expect(code).toBe(0);
    const [endpoint, token] = fake.requests;
    expect(endpoint!.method).toBe('GET');
    expect(endpoint!.url.pathname).toBe('/v1/repository/endpoint');
    expect(Object.fromEntries(endpoint!.url.searchParams)).toEqual({ domain: 'my-domain', 'domain-owner': '111122223333', repository: 'my-repo', format: 'npm' });
    expect(token!.method).toBe('POST');
    expect(token!.url.pathname).toBe('/v1/authorization-token');
    expect(Object.fromEntries(token!.url.searchParams)).toEqual({ domain: 'my-domain', 'domain-owner': '111122223333', duration: '3600' });
    expect(String(token!.headers['authorization'])).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLETESTONLY\/\d{8}\/us-west-2\/codeartifact\/aws4_request/);
    const npmrc = join(env.home, '.npmrc');
    expect(readFileSync(npmrc, 'utf8')).toContain(`//my-domain-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/my-repo/:_authToken=${TOKEN}`);
    expect(statSync(npmrc).mode & 0o777).toBe(0o600);
    expect(o.all()).not.toContain(TOKEN);
    expect(o.stderr.join('\n')).toContain('valid until 2030-01-01T00:00:00.000Z');
  });

  it('retries a throttled call and succeeds', async () => {
    let throttled = 0;
    script = (r) => (r.url.pathname === '/v1/authorization-token' && throttled++ === 0 ? restError(429, 'ThrottlingException', 'Rate exceeded') : undefined);
    const { code } = await login('--tool', 'npm');
    expect(code).toBe(0);
    expect(fake.requests.filter((r) => r.url.pathname === '/v1/authorization-token')).toHaveLength(2);
  });

  it('gives up after the SDK retries and says so in one line (exit 3)', async () => {
    script = () => restError(429, 'ThrottlingException', 'Rate exceeded');
    const { code, o } = await login('--tool', 'npm');
    expect(code).toBe(3);
    expect(fake.requests).toHaveLength(3);
    expect(o.stderr).toEqual(['error: AWS is throttling codeartifact:GetRepositoryEndpoint (npm) on repository my-domain/my-repo (gave up after 3 attempts): wait a minute and try again.']);
  });

  it.each([
    [403, 'AccessDeniedException', 'is not authorized to perform: codeartifact:GetRepositoryEndpoint', /^error: Access denied for codeartifact:GetRepositoryEndpoint \(npm\) on repository my-domain\/my-repo: is not authorized/],
    [404, 'ResourceNotFoundException', 'Repository my-repo not found', /^error: Not found: codeartifact:GetRepositoryEndpoint \(npm\) on repository my-domain\/my-repo: Repository my-repo not found$/],
    [403, 'UnrecognizedClientException', 'The security token included in the request is invalid.', /^error: AWS rejected the credentials .*invalid\.$/],
  ])('maps HTTP %i %s to one line and exit 3', async (status, type, message, expected) => {
    script = () => restError(status, type, message);
    const { code, o } = await login('--tool', 'npm');
    expect(code).toBe(3);
    expect(o.stderr).toHaveLength(1);
    expect(o.stderr[0]).toMatch(expected);
  });

  it('reports missing credentials in one line (exit 3) without calling the service', async () => {
    const saved = [process.env['AWS_ACCESS_KEY_ID'], process.env['AWS_SECRET_ACCESS_KEY']];
    delete process.env['AWS_ACCESS_KEY_ID'];
    delete process.env['AWS_SECRET_ACCESS_KEY'];
    try {
      const { code, o } = await login('--tool', 'npm');
      expect(code).toBe(3);
      expect(o.stderr).toHaveLength(1);
      expect(o.stderr[0]).toMatch(/^error: No AWS credentials for codeartifact:GetRepositoryEndpoint/);
      expect(fake.requests).toHaveLength(0);
    } finally {
      process.env['AWS_ACCESS_KEY_ID'] = saved[0];
      process.env['AWS_SECRET_ACCESS_KEY'] = saved[1];
    }
  });

  it('says which profile was not found when AWS_PROFILE names a missing one (exit 3)', async () => {
    const saved = [process.env['AWS_ACCESS_KEY_ID'], process.env['AWS_SECRET_ACCESS_KEY']];
    delete process.env['AWS_ACCESS_KEY_ID'];
    delete process.env['AWS_SECRET_ACCESS_KEY'];
    process.env['AWS_PROFILE'] = 'nope';
    try {
      const { code, o } = await login('--tool', 'npm');
      expect(code).toBe(3);
      expect(o.stderr).toHaveLength(1);
      expect(o.stderr[0]).toMatch(/^error: The AWS profile "nope" \(AWS_PROFILE\) was not found in .*no-aws-config or .*no-aws-credentials \(codeartifact:GetRepositoryEndpoint/);
      expect(o.stderr[0]).not.toContain('No AWS credentials');
      const flag = await login('--tool', 'npm', '--profile', 'other');
      expect(flag.o.stderr[0]).toMatch(/^error: The AWS profile "other" \(--profile\) was not found/);
      expect(fake.requests).toHaveLength(0);
    } finally {
      delete process.env['AWS_PROFILE'];
      process.env['AWS_ACCESS_KEY_ID'] = saved[0];
      process.env['AWS_SECRET_ACCESS_KEY'] = saved[1];
    }
  });
});
