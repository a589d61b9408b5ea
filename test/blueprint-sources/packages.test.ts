import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalRegistry } from '../helpers/npm-registry.js';
import { startFakeAws } from '../codeartifact/fake-server.js';
import { writeFiles } from './fixtures.js';
import { cg, cgAsync, sandbox, type Sandbox } from './helpers.js';

// Blueprints published as npm packages: a JavaScript package installed in the project from a tarball made by
// `npm pack`, and the same package installed on demand from a registry (a loopback one, the real npm).

/** A blueprint package in plain JavaScript (ES modules), as a team would publish it. */
function acmePackage(version: string): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: '@acme/hello-blueprint', version, type: 'module', main: 'index.mjs', peerDependencies: { 'catalyst-gen': '*' } }, null, 2),
    'index.mjs': `import { defineBlueprint } from 'catalyst-gen';
import { greeting } from './lib/greeting.mjs';

export default defineBlueprint({
  id: 'acme-hello',
  displayName: 'Acme hello',
  description: 'The README every Acme repository starts with.',
  version: ${JSON.stringify(version)},
  options: { type: 'object', additionalProperties: false, required: ['team'], properties: { team: { type: 'string', pattern: '^[a-z]+$', description: 'Owning team.' } } },
  defaults: { team: 'platform' },
  render: (o) => ({ files: [{ type: 'text', path: 'README.md', content: greeting(o.team) }] }),
});
`,
    'lib/greeting.mjs': `export const greeting = (team) => \`# Owned by \${team}\\n\\nBlueprint version ${version}.\\n\`;\n`,
  };
}

/** `npm pack` a package folder into `into`; the tarball's path. */
function pack(dir: string, into: string): string {
  const r = spawnSync('npm', ['pack', '--pack-destination', into, '--ignore-scripts'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
  return join(into, r.stdout.trim().split('\n').pop()!);
}

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, '.catalyst-gen/manifest.json'), 'utf8')) as { blueprint: Record<string, unknown> };

describe('a blueprint package installed in the project', () => {
  it('is found in node_modules, recorded with its version, and found again by update', () => {
    const box = sandbox();
    const src = join(box.root, 'acme-src');
    writeFiles(src, acmePackage('1.0.0'));
    const tarball = pack(src, box.root);
    writeFiles(box.work, { 'package.json': '{ "name": "infra", "private": true }' });
    // Offline: the package has no dependencies, and its peer (catalyst-gen) is the command that loads it.
    const install = spawnSync('npm', ['install', '--offline', '--legacy-peer-deps', '--no-audit', '--no-fund', tarball], { cwd: box.work, encoding: 'utf8', env: box.env });
    expect(install.status, install.stderr).toBe(0);

    const r = cg(box, ['new', '@acme/hello-blueprint', './svc', '--no-input', '--set', 'team=payments']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(box.work, 'svc/README.md'), 'utf8')).toBe('# Owned by payments\n\nBlueprint version 1.0.0.\n');
    expect(manifestOf(join(box.work, 'svc')).blueprint).toEqual({ id: 'acme-hello', version: '1.0.0', source: { type: 'package', name: '@acme/hello-blueprint', version: '1.0.0' } });
    expect(cg(box, ['show', '@acme/hello-blueprint']).stdout).toContain('Acme hello (acme-hello 1.0.0, from @acme/hello-blueprint 1.0.0)');

    // The team upgrades the package in the project: update uses the installed version and says so.
    writeFiles(src, acmePackage('1.1.0'));
    const upgrade = spawnSync('npm', ['install', '--offline', '--legacy-peer-deps', '--no-audit', '--no-fund', pack(src, box.root)], { cwd: box.work, encoding: 'utf8', env: box.env });
    expect(upgrade.status, upgrade.stderr).toBe(0);
    const u = cg(box, ['update', './svc', '--no-input']);
    expect(u.code, u.stderr).toBe(0);
    expect(u.stderr).toContain('Blueprint "acme-hello" comes from @acme/hello-blueprint 1.1.0');
    expect(u.stderr).toContain('Blueprint "acme-hello": 1.0.0 -> 1.1.0; its changes are merged with yours.');
    expect(readFileSync(join(box.work, 'svc/README.md'), 'utf8')).toBe('# Owned by payments\n\nBlueprint version 1.1.0.\n');
    expect(manifestOf(join(box.work, 'svc')).blueprint).toMatchObject({ version: '1.1.0', source: { type: 'package', name: '@acme/hello-blueprint', version: '1.1.0' } });
  });
});

describe('a blueprint package installed on demand from a registry', () => {
  const registry = new LocalRegistry();
  let box: Sandbox;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    box = sandbox();
    for (const version of ['1.0.0', '1.2.0']) {
      const src = join(box.root, `acme-${version}`);
      writeFiles(src, acmePackage(version));
      registry.publish(pack(src, box.root), { name: '@acme/hello-blueprint', version });
    }
    const url = await registry.start();
    // The user's npm configuration: the registry (as `codeartifact login --tool npm` would set it) and a cache.
    mkdirSync(join(box.root, 'home'), { recursive: true });
    writeFileSync(join(box.root, 'home/.npmrc'), `registry=${url}\ncache=${join(box.root, 'npm-cache')}\n`);
    env = { npm_config_userconfig: join(box.root, 'home/.npmrc') };
  });
  afterAll(() => registry.stop());

  it('installs the version asked for into the cache, with the user npm configuration, once', async () => {
    const r = await cgAsync(box, ['new', '@acme/hello-blueprint@1.0.0', './a', '--no-input'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Installing @acme\/hello-blueprint@1\.0\.0 with npm into .*catalyst-gen\/packages/);
    expect(readFileSync(join(box.work, 'a/README.md'), 'utf8')).toContain('Blueprint version 1.0.0.');
    expect(manifestOf(join(box.work, 'a')).blueprint).toEqual({ id: 'acme-hello', version: '1.0.0', source: { type: 'package', name: '@acme/hello-blueprint', version: '1.0.0' } });
    expect(readdirSync(box.work)).toEqual(['a']); // no node_modules in the user's folder

    // An exact version installed once is not asked for again.
    const asked = registry.requests.length;
    const again = await cgAsync(box, ['new', '@acme/hello-blueprint@1.0.0', './b', '--no-input'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('Installing');
    expect(registry.requests.length).toBe(asked);

    // update in the project finds the recorded version in the cache.
    const u = await cgAsync(box, ['update', './a', '--no-input'], { env });
    expect(u.code, u.stderr).toBe(0);
    expect(u.stderr).not.toContain('->');
  });

  it('takes the newest version for a range, and update --from moves a project to it', async () => {
    const r = await cgAsync(box, ['update', './a', '--no-input', '--from', '@acme/hello-blueprint@^1.1'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Blueprint "acme-hello": 1.0.0 -> 1.2.0');
    expect(manifestOf(join(box.work, 'a')).blueprint).toMatchObject({ version: '1.2.0', source: { version: '1.2.0' } });
  });

  it('a package the registry does not have: npm says why, and how to log in to a private registry', async () => {
    const r = await cgAsync(box, ['new', '@acme/nope', './c', '--no-input'], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/npm could not install @acme\/nope@latest: .*404/);
    expect(r.stderr).toContain('catalyst-gen codeartifact login --tool npm --domain <domain> --repository <repository>');
    expect(existsSync(join(box.work, 'c'))).toBe(false);
  });
});

describe('a blueprint package in a private CodeArtifact npm repository', () => {
  it('installs on demand right after catalyst-gen codeartifact login --tool npm', async () => {
    const TOKEN = 'codeartifact-token-for-tests';
    const registry = new LocalRegistry(TOKEN);
    const box = sandbox();
    const src = join(box.root, 'acme-src');
    writeFiles(src, acmePackage('2.0.0'));
    registry.publish(pack(src, box.root), { name: '@acme/hello-blueprint', version: '2.0.0' });
    const url = await registry.start();
    // CodeArtifact (loopback, its REST protocol) says the repository's endpoint is that registry.
    const codeartifact = await startFakeAws((r) =>
      r.url.pathname === '/v1/repository/endpoint'
        ? { status: 200, body: { repositoryEndpoint: url } }
        : r.url.pathname === '/v1/authorization-token'
          ? { status: 200, body: { authorizationToken: TOKEN, expiration: 1893456000 } }
          : { status: 404, body: { message: 'no route' } },
    );
    const env = {
      AWS_ENDPOINT_URL_CODEARTIFACT: codeartifact.url,
      AWS_REGION: 'us-west-2',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLETESTONLY',
      AWS_SECRET_ACCESS_KEY: 'test-secret-not-real',
      AWS_CONFIG_FILE: join(box.root, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(box.root, 'no-aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      npm_config_cache: join(box.root, 'npm-cache'),
    };
    try {
      const before = await cgAsync(box, ['new', '@acme/hello-blueprint@2.0.0', './p', '--no-input'], { env: { ...env, npm_config_registry: url } });
      expect(before.code).toBe(3);
      expect(before.stderr).toContain('catalyst-gen codeartifact login --tool npm');

      const login = await cgAsync(box, ['codeartifact', 'login', '--domain', 'acme', '--domain-owner', '111122223333', '--repository', 'npm-store', '--tool', 'npm'], { env });
      expect(login.code, login.stderr).toBe(0);
      expect(login.stdout + login.stderr).not.toContain(TOKEN);

      const r = await cgAsync(box, ['new', '@acme/hello-blueprint@2.0.0', './p', '--no-input'], { env });
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(box.work, 'p/README.md'), 'utf8')).toContain('Blueprint version 2.0.0.');
      expect(r.stdout + r.stderr).not.toContain(TOKEN);
    } finally {
      await codeartifact.close();
      await registry.stop();
    }
  });
});
