import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { editKeepingFormat } from '../../src/edit/line-endings.js';
import { controlCharacterIn, editNpmrc, editPipConf, editPypirc, npmEntries, setIniValues } from '../../src/io/package-config-edit.js';
import { captureOutput } from '../codeartifact/env.js';
import { useSandboxedLoopback, type LoopbackReply, type LoopbackRequest } from './loopback.js';

// `codeartifact login` with the real SDK client against a loopback CodeArtifact that answers what a hostile or
// intercepted endpoint could: tokens and endpoints with line breaks, a date out of range. The user's files live in
// a sandbox HOME and are compared byte for byte.
const HOST = 'my-domain-111122223333.d.codeartifact.us-west-2.amazonaws.com';
const GOOD_TOKEN = 'good-token-0123456789';
let token: unknown;
let expiration: unknown;
let endpointOf: (format: string) => string;

const answer = (r: LoopbackRequest): LoopbackReply => {
  if (r.method === 'GET' && r.url.pathname === '/v1/repository/endpoint') return { status: 200, body: { repositoryEndpoint: endpointOf(r.url.searchParams.get('format') ?? '') } };
  if (r.method === 'POST' && r.url.pathname === '/v1/authorization-token') return { status: 200, body: { authorizationToken: token, expiration } };
  return { status: 404, headers: { 'x-amzn-errortype': 'ResourceNotFoundException' }, body: { message: 'no route' } };
};

const loopback = useSandboxedLoopback(answer);
beforeAll(() => {
  process.env['AWS_ENDPOINT_URL_CODEARTIFACT'] = loopback.server.url;
});

const npmrc = () => join(loopback.home, '.npmrc');
const pypirc = () => join(loopback.home, '.pypirc');
const pipConf = () => join(loopback.home, '.config', 'pip', 'pip.conf');
/** What the user had: a BOM, CRLF line ends, their own registry and token, and a .pypirc of their own. */
const NPMRC_BEFORE = '\uFEFFsave-exact=true\r\n@other:registry=https://npm.example.com/\r\n//npm.example.com/:_authToken=keep-me\r\n';
const PYPIRC_BEFORE = '[distutils]\r\nindex-servers =\r\n    pypi\r\n\r\n[pypi]\r\nusername = __token__\r\n';

beforeEach(() => {
  loopback.server.requests.length = 0;
  token = GOOD_TOKEN;
  expiration = 1893456000;
  endpointOf = (format) => `https://${HOST}/${format}/my-repo/`;
  rmSync(join(loopback.home, '.config'), { recursive: true, force: true });
  writeFileSync(npmrc(), NPMRC_BEFORE);
  writeFileSync(pypirc(), PYPIRC_BEFORE);
});

async function login(...tools: string[]) {
  const o = captureOutput();
  const code = await run(['codeartifact', 'login', '--domain', 'my-domain', '--domain-owner', '111122223333', '--repository', 'my-repo', ...tools], o);
  return { code, o };
}

const ALL = ['--tool', 'npm', '--tool', 'pip', '--tool', 'twine'];
const unchanged = () => {
  expect(readFileSync(npmrc(), 'utf8')).toBe(NPMRC_BEFORE);
  expect(readFileSync(pypirc(), 'utf8')).toBe(PYPIRC_BEFORE);
  expect(existsSync(pipConf())).toBe(false);
};

describe('what CodeArtifact returns is checked before it reaches a file', () => {
  it.each([
    ['a newline', `tok-${'x'.repeat(20)}\nregistry=https://attacker.example/`, 'a line feed (U+000A) at position 25'],
    ['CRLF', `tok-${'y'.repeat(20)}\r\n[pypi]\r\nrepository = https://attacker.example/`, 'a carriage return (U+000D) at position 25'],
    ['a Unicode line separator', `tok-${'z'.repeat(20)}\u2028index-url = https://attacker.example/`, 'a Unicode line separator (U+2028) at position 25'],
  ])('a token with %s is refused (exit 3), never printed, and no file changes', async (_what, bad, described) => {
    token = bad;
    const { code, o } = await login(...ALL);
    expect(code).toBe(3);
    expect(o.stderr).toEqual([
      `error: CodeArtifact returned an authorization token for domain my-domain that contains ${described}; refusing to write it into any configuration file (check AWS_ENDPOINT_URL_CODEARTIFACT and the network path). Nothing was written.`,
    ]);
    expect(o.all()).not.toContain('tok-');
    expect(o.all()).not.toContain('attacker');
    unchanged();
  });

  it('a repository endpoint with a newline is refused before a token is requested (exit 3), and no file changes', async () => {
    endpointOf = (format) => `https://${HOST}/${format}/my-repo/\nregistry=https://attacker.example/`;
    const { code, o } = await login(...ALL);
    expect(code).toBe(3);
    expect(o.stderr).toEqual([
      'error: CodeArtifact returned a repository endpoint for my-domain/my-repo (npm) that contains a line feed (U+000A) at position 83: refusing to write it into any configuration file (check AWS_ENDPOINT_URL_CODEARTIFACT and the network path). Nothing was written.',
    ]);
    expect(loopback.server.requests.map((r) => r.url.pathname)).toEqual(['/v1/repository/endpoint']);
    expect(o.all()).not.toContain('attacker');
    unchanged();
  });

  it('a repository endpoint that is not an http(s) URL is refused (exit 3)', async () => {
    endpointOf = () => 'file:///etc/passwd';
    const { code, o } = await login('--tool', 'npm');
    expect(code).toBe(3);
    expect(o.stderr[0]).toMatch(/^error: CodeArtifact returned a repository endpoint for my-domain\/my-repo \(npm\) that is not an http\(s\) URL: refusing/);
    unchanged();
  });

  it('an expiration outside the range of a date is a clear error (exit 3, not an internal RangeError), and no file changes', async () => {
    expiration = 1e20;
    const { code, o } = await login(...ALL);
    expect(code).toBe(3);
    expect(o.stderr).toEqual(['error: CodeArtifact returned a token expiration for domain my-domain that is not a valid date (outside the range a date can hold). Nothing was written.']);
    expect(o.all()).not.toContain(GOOD_TOKEN);
    unchanged();
  });
});

describe('every tool and flag combination is checked before anything is written', () => {
  it('--tool npm --tool maven --namespace @acme writes the scoped npm login and prints the Maven lines (no namespace there)', async () => {
    const { code, o } = await login('--tool', 'npm', '--tool', 'maven', '--namespace', '@acme');
    expect(code, o.all()).toBe(0);
    expect(readFileSync(npmrc(), 'utf8')).toContain(`@acme:registry=https://${HOST}/npm/my-repo/\r\n`);
    const shell = o.stdout.filter((l) => l.startsWith('CODEARTIFACT_'));
    expect(shell).toHaveLength(2);
    expect(o.stdout.join('\n')).not.toContain('--namespace');
  });

  it('--tool npm --tool swift --namespace acme: the swift login line carries the namespace', async () => {
    const { code, o } = await login('--tool', 'npm', '--tool', 'swift', '--namespace', 'acme');
    expect(code, o.all()).toBe(0);
    expect(o.stdout.find((l) => l.startsWith('aws codeartifact login --tool swift'))).toContain("--namespace acme");
  });

  it('a combination that cannot work (a namespace for Maven only) is a usage error before any call or write', async () => {
    const { code, o } = await login('--tool', 'maven', '--namespace', 'acme');
    expect(code).toBe(2);
    expect(o.stderr.join('\n')).toContain('--namespace: A namespace applies only to npm and swift');
    expect(loopback.server.requests).toHaveLength(0);
    unchanged();
  });
});

describe('edits keep the BOM and every line ending', () => {
  it('a CRLF .npmrc with a BOM stays CRLF with its BOM; only the login lines are added', async () => {
    const { code, o } = await login('--tool', 'npm');
    expect(code, o.all()).toBe(0);
    expect(readFileSync(npmrc(), 'utf8')).toBe(`${NPMRC_BEFORE}registry=https://${HOST}/npm/my-repo/\r\n//${HOST}/npm/my-repo/:_authToken=${GOOD_TOKEN}\r\n`);
  });

  it('a BOM before the key a login replaces is kept at the start of the file', async () => {
    writeFileSync(npmrc(), `\uFEFFregistry=https://${HOST}/npm/my-repo/\nfund=false\n`);
    expect((await login('--tool', 'npm')).code).toBe(0);
    expect(readFileSync(npmrc(), 'utf8')).toBe(`\uFEFFregistry=https://${HOST}/npm/my-repo/\nfund=false\n//${HOST}/npm/my-repo/:_authToken=${GOOD_TOKEN}\n`);
  });

  it('a CRLF .pypirc and pip.conf keep CRLF', async () => {
    mkdirSync(join(loopback.home, '.config', 'pip'), { recursive: true });
    writeFileSync(pipConf(), '[global]\r\ntimeout = 60\r\n');
    const { code, o } = await login('--tool', 'pip', '--tool', 'twine');
    expect(code, o.all()).toBe(0);
    expect(readFileSync(pipConf(), 'utf8')).toBe(`[global]\r\ntimeout = 60\r\nindex-url = https://aws:${GOOD_TOKEN}@${HOST}/pypi/my-repo/simple/\r\n`);
    const text = readFileSync(pypirc(), 'utf8');
    expect(text.startsWith('[distutils]\r\nindex-servers =\r\n    pypi\r\n    codeartifact\r\n\r\n[pypi]\r\nusername = __token__\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('mixed line endings: each kept line keeps its own, new lines take the most frequent', () => {
    const before = 'a=1\r\nb=2\nc=3\r\nd=4';
    expect(editNpmrc(before, [['b', '9'], ['e', '5']])).toBe('a=1\r\nb=9\nc=3\r\nd=4\r\ne=5\r\n');
    expect(editKeepingFormat('x\ry\r', (t) => t + 'z\n')).toBe('x\ry\rz\r');
    expect(editKeepingFormat('a\nb\r\nc\r\n', (t) => t.replace('b\n', ''))).toBe('a\nc\r\n');
    expect(editKeepingFormat('', (t) => t + 'z\n')).toBe('z\n');
    expect(editKeepingFormat('\uFEFF', (t) => t + 'z\n')).toBe('\uFEFFz\n');
  });
});

describe('the writers refuse a value that would add a line, whoever calls them', () => {
  it('npm, pip and pypirc values with line breaks throw (exit 3) without showing the value', () => {
    expect(() => editNpmrc('', npmEntries('https://h/npm/r/', 'secret\nregistry=https://attacker.example/'))).toThrow(/^Refusing to write an \.npmrc value: it contains a line feed \(U\+000A\) at position 7\. Nothing was written\.$/);
    expect(() => editPipConf('', 'https://aws:t@h/simple/\n[x]')).toThrow(/Refusing to write \[global\] index-url: it contains a line feed/);
    expect(() => editPypirc('', 'https://h/pypi/r/', 'secret\n[pypi]\nrepository = https://attacker.example/')).toThrow(/Refusing to write \[codeartifact\] password: it contains a line feed/);
    expect(() => setIniValues('', 'codeartifact', [['password', 'secret\r']])).toThrow(/carriage return/);
    try {
      editPypirc('', 'https://h/pypi/r/', 'secret\nx');
    } catch (e) {
      expect((e as { exitCode: number }).exitCode).toBe(3);
      expect((e as Error).message).not.toContain('secret');
    }
  });

  it('names what it finds: C0 and C1 controls, DEL, tab, the Unicode separators; nothing in an ordinary token or URL', () => {
    expect(controlCharacterIn('eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.abc_def-~+/=')).toBeUndefined();
    expect(controlCharacterIn(`https://${HOST}/npm/my-repo/`)).toBeUndefined();
    expect(controlCharacterIn('a\tb')).toBe('a control character (U+0009) at position 2');
    expect(controlCharacterIn('ab\u007f')).toBe('a control character (U+007F) at position 3');
    expect(controlCharacterIn('\u0085')).toBe('a control character (U+0085) at position 1');
    expect(controlCharacterIn('x\u2029')).toBe('a Unicode line separator (U+2029) at position 2');
  });
});
