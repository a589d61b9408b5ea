import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeartifactClient, GetAuthorizationTokenCommand, GetRepositoryEndpointCommand } from '@aws-sdk/client-codeartifact';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { renderCodeArtifactLoginCommands } from '../../src/render/codeartifact.js';
import { captureOutput, sandboxEnv } from './env.js';

const TOKEN = 'tok-SECRET-eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.abc_def';
const HOST = 'my-domain-111122223333.d.codeartifact.us-west-2.amazonaws.com';
const ca = mockClient(CodeartifactClient);
let env: ReturnType<typeof sandboxEnv>;

beforeAll(() => {
  env = sandboxEnv();
});
afterAll(() => {
  ca.restore();
  env.restore();
});
beforeEach(() => {
  ca.reset();
  ca.on(GetAuthorizationTokenCommand).resolves({ authorizationToken: TOKEN, expiration: new Date('2030-01-01T00:00:00Z') });
  ca.on(GetRepositoryEndpointCommand).callsFake((input: { format: string; repository: string }) => ({ repositoryEndpoint: `https://${HOST}/${input.format}/${input.repository}/` }));
});

const login = (...extra: string[]) => {
  const o = captureOutput();
  return run(['codeartifact', 'login', '--domain', 'my-domain', '--domain-owner', '111122223333', '--repository', 'my-repo', ...extra], o).then((code) => ({ code, o }));
};
const mode = (p: string) => statSync(p).mode & 0o777;

describe('codeartifact login (SDK mocked)', () => {
  it('keeps the unrelated entries of an existing ~/.npmrc, sets registry and token, and makes it 0600', async () => {
    const npmrc = join(env.home, '.npmrc');
    writeFileSync(npmrc, 'save-exact=true\n; a comment\n@other:registry=https://npm.example.com/\n//npm.example.com/:_authToken=keep-me\n');
    chmodSync(npmrc, 0o644);
    const { code, o } = await login('--tool', 'npm', '--duration-seconds', '900');
    expect(code).toBe(0);
    expect(readFileSync(npmrc, 'utf8')).toBe(
      'save-exact=true\n; a comment\n@other:registry=https://npm.example.com/\n//npm.example.com/:_authToken=keep-me\n' +
        `registry=https://${HOST}/npm/my-repo/\n//${HOST}/npm/my-repo/:_authToken=${TOKEN}\n`,
    );
    expect(mode(npmrc)).toBe(0o600);
    expect(ca.commandCalls(GetAuthorizationTokenCommand).map((c) => c.args[0].input)).toEqual([{ domain: 'my-domain', domainOwner: '111122223333', durationSeconds: 900 }]);
    expect(ca.commandCalls(GetRepositoryEndpointCommand).map((c) => c.args[0].input)).toEqual([{ domain: 'my-domain', domainOwner: '111122223333', repository: 'my-repo', format: 'npm' }]);
    expect(o.all()).not.toContain(TOKEN);
    expect(o.all()).toContain('<token>');
  });

  it('replaces its own entries on the next login instead of adding duplicates; scoped registries too', async () => {
    await login('--tool', 'npm');
    await login('--tool', 'npm', '--namespace', 'acme');
    const text = readFileSync(join(env.home, '.npmrc'), 'utf8');
    expect(text.match(/:_authToken=tok-/g)).toHaveLength(1);
    expect(text).toContain(`@acme:registry=https://${HOST}/npm/my-repo/`);
  });

  it('a scoped login removes the unscoped registry line an earlier login wrote for the same endpoint, and the reverse; other registries stay', async () => {
    const home = join(env.home, 'scopes');
    mkdirSync(home);
    const npmrc = join(home, '.npmrc');
    const other = '@other:registry=https://npm.example.com/\n//npm.example.com/:_authToken=keep-me\n';
    writeFileSync(npmrc, `${other}registry=https://${HOST}/npm/my-repo/\n//${HOST}/npm/my-repo/:_authToken=old\n`);
    process.env['HOME'] = home;
    try {
      const scoped = await login('--tool', 'npm', '--namespace', '@acme');
      expect(scoped.code).toBe(0);
      expect(readFileSync(npmrc, 'utf8')).toBe(`${other}//${HOST}/npm/my-repo/:_authToken=${TOKEN}\n@acme:registry=https://${HOST}/npm/my-repo/\n`);
      expect(scoped.o.stdout).toContain(`  remove registry=https://${HOST}/npm/my-repo/`);
      // And back: a plain login drops the now redundant @acme line, keeps @other.
      const plain = await login('--tool', 'npm');
      expect(plain.code).toBe(0);
      expect(readFileSync(npmrc, 'utf8')).toBe(`${other}//${HOST}/npm/my-repo/:_authToken=${TOKEN}\nregistry=https://${HOST}/npm/my-repo/\n`);
      // An unscoped registry that is not this endpoint is not touched by a scoped login.
      writeFileSync(npmrc, 'registry=https://registry.npmjs.org/\n');
      await login('--tool', 'npm', '--namespace', 'acme');
      expect(readFileSync(npmrc, 'utf8')).toMatch(/^registry=https:\/\/registry\.npmjs\.org\/\n/);
    } finally {
      process.env['HOME'] = env.home;
    }
  });

  it('reads the files it edits before any AWS call: a .npmrc that is a folder fails first (exit 3)', async () => {
    const home = join(env.home, 'npmrc-folder');
    mkdirSync(join(home, '.npmrc'), { recursive: true });
    process.env['HOME'] = home;
    try {
      const { code, o } = await login('--tool', 'npm');
      expect(code).toBe(3);
      expect(o.stderr.join('\n')).toContain(`Cannot read ${join(home, '.npmrc')}`);
      expect(ca.calls()).toHaveLength(0);
    } finally {
      process.env['HOME'] = env.home;
    }
  });

  it('writes pip.conf and ~/.pypirc like the AWS CLI, keeping other sections', async () => {
    const pypirc = join(env.home, '.pypirc');
    writeFileSync(pypirc, '[distutils]\nindex-servers =\n    pypi\n    testpypi\n\n[testpypi]\nrepository = https://test.pypi.org/legacy/\nusername = me\n');
    const { code, o } = await login('--tool', 'pip', '--tool', 'twine');
    expect(code).toBe(0);
    const pip = join(env.home, '.config', 'pip', 'pip.conf');
    expect(readFileSync(pip, 'utf8')).toBe(`[global]\nindex-url = https://aws:${TOKEN}@${HOST}/pypi/my-repo/simple/\n`);
    expect(readFileSync(pypirc, 'utf8')).toBe(
      '[distutils]\nindex-servers =\n    pypi\n    testpypi\n    codeartifact\n\n[testpypi]\nrepository = https://test.pypi.org/legacy/\nusername = me\n\n' +
        `[codeartifact]\nrepository = https://${HOST}/pypi/my-repo/\nusername = aws\npassword = ${TOKEN}\n`,
    );
    expect([mode(pip), mode(pypirc)]).toEqual([0o600, 0o600]);
    // One endpoint call for the shared pypi format, one token for both files.
    expect(ca.commandCalls(GetRepositoryEndpointCommand)).toHaveLength(1);
    expect(ca.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(1);
    expect(o.all()).not.toContain(TOKEN);
  });

  it('--dry-run requests no token and writes nothing', async () => {
    const home = join(env.home, 'dry');
    mkdirSync(home);
    process.env['HOME'] = home;
    try {
      const { code, o } = await login('--tool', 'npm', '--tool', 'pip', '--dry-run');
      expect(code).toBe(0);
      expect(ca.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(0);
      expect(existsSync(join(home, '.npmrc'))).toBe(false);
      expect(existsSync(join(home, '.config'))).toBe(false);
      expect(o.stdout.join('\n')).toContain(`would update ${join(home, '.npmrc')}`);
      expect(o.stdout.join('\n')).toContain(`registry=https://${HOST}/npm/my-repo/`);
      // The token placeholder reads the same everywhere, URL-encoded nowhere.
      expect(o.stdout).toContain(`  set [global] index-url = https://aws:<token>@${HOST}/pypi/my-repo/simple/`);
      expect(o.all()).not.toContain('%3C');
      expect(o.stdout.at(-1)).toBe('Dry run: CodeArtifact was asked for the repository endpoint only; no token was requested and nothing was written.');
    } finally {
      process.env['HOME'] = env.home;
    }
  });

  it('prints the Maven/Gradle/dotnet shell lines from the one renderer (quoted), without a token or an AWS call', async () => {
    const { code, o } = await login('--tool', 'maven', '--tool', 'dotnet', '--region', 'eu-west-1');
    expect(code).toBe(0);
    expect(ca.calls()).toHaveLength(0);
    const expected = renderCodeArtifactLoginCommands({ domain: 'my-domain', domainOwner: '111122223333', repository: 'my-repo', region: 'eu-west-1', tools: ['maven', 'dotnet'] });
    expect(o.stdout.slice(1)).toEqual(expected);
    expect(o.stdout).toContain('aws codeartifact login --tool dotnet --domain my-domain --domain-owner 111122223333 --repository my-repo --region eu-west-1');
    expect(o.stdout).toContain('CODEARTIFACT_AUTH_TOKEN="$(aws codeartifact get-authorization-token --domain my-domain --domain-owner 111122223333 --region eu-west-1 --query authorizationToken --output text)"');
    // Without --domain-owner the AWS CLI uses the caller's account: no STS preamble needing AWS_REGION.
    const mine = captureOutput();
    expect(await run(['codeartifact', 'login', '--domain', 'my-domain', '--repository', 'my-repo', '--tool', 'swift', '--namespace', 'acme'], mine)).toBe(0);
    expect(mine.stdout.slice(1)).toEqual(['aws codeartifact login --tool swift --domain my-domain --repository my-repo --namespace acme']);
  });

  it.each([['x; rm -rf ~'], ['$(curl evil)']])('refuses the domain %j before calling AWS (exit 2)', async (domain) => {
    const o = captureOutput();
    const code = await run(['codeartifact', 'login', '--domain', domain, '--repository', 'r1'], o);
    expect(code).toBe(2);
    expect(o.stderr.join('\n')).toMatch(/--domain: The CodeArtifact domain .* is not a valid domain name/);
    expect(ca.calls()).toHaveLength(0);
  });

  it('maps access denied to one line and exit 3', async () => {
    ca.on(GetAuthorizationTokenCommand).rejects(Object.assign(new Error('User: arn:aws:sts::111122223333:assumed-role/dev is not authorized to perform: codeartifact:GetAuthorizationToken'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } }));
    const { code, o } = await login('--tool', 'npm');
    expect(code).toBe(3);
    expect(o.stderr).toEqual(['error: Access denied for codeartifact:GetAuthorizationToken on domain my-domain: User: arn:aws:sts::111122223333:assumed-role/dev is not authorized to perform: codeartifact:GetAuthorizationToken']);
  });
});
