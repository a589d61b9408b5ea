import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cg, cgAsync, sandbox, type Run, type Sandbox } from '../blueprint-sources/helpers.js';
import { FakeCodeCatalyst } from './fake-codecatalyst.js';
import { meta } from '../../blueprints/three-tier-web/meta.js';

// From a rendered blueprint to a running CodeCatalyst project, with the installed command, the real SDK client
// and the user's real git, against a loopback CodeCatalyst whose repositories are served by git http-backend.

const TOKEN = 'cc-bearer-token-never-printed';
let fake: FakeCodeCatalyst;
let box: Sandbox;
let env: NodeJS.ProcessEnv;
const outputs: string[] = [];

async function cc(args: readonly string[], extra: NodeJS.ProcessEnv = {}, cwd?: string): Promise<Run> {
  const r = await cgAsync(box, ['codecatalyst', ...args], { env: { ...env, ...extra }, ...(cwd ? { cwd } : {}) });
  outputs.push(r.stdout, r.stderr);
  return r;
}

beforeAll(async () => {
  box = sandbox();
  fake = new FakeCodeCatalyst(join(box.root, 'codecatalyst'), TOKEN);
  const url = await fake.start();
  // The user's git: an identity in their global config, and never a prompt.
  mkdirSync(join(box.root, 'home'), { recursive: true });
  writeFileSync(join(box.root, 'home/.gitconfig'), '[user]\n\tname = Dana Developer\n\temail = dana@example.com\n[init]\n\tdefaultBranch = trunk\n');
  env = { AWS_ENDPOINT_URL_CODECATALYST: url, AWS_BEARER_TOKEN_CODECATALYST: TOKEN, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
  // The project to push: the three-tier-web blueprint with its defaults, and a file .gitignore leaves out.
  expect(cg(box, ['new', 'three-tier-web', './shop', '--no-input']).code).toBe(0);
  mkdirSync(join(box.work, 'shop/node_modules/left-out'), { recursive: true });
  writeFileSync(join(box.work, 'shop/node_modules/left-out/index.js'), '');
});
afterAll(async () => {
  await fake.stop();
  // The token is never printed, whatever the command did.
  expect(outputs.join('\n')).not.toContain(TOKEN);
});

describe('codecatalyst create', () => {
  it('says what it would do with --dry-run, and does nothing', async () => {
    const r = await cc(['create', './shop', '--space', 'acme', '--project', 'shop', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Would create the project shop in space acme.\nWould create the source repository shop.\nWould commit ./shop with your git ("Initial commit: blueprint three-tier-web ${meta.version}, made with catalyst-gen", unless it has commits) and push it to branch main.\n`);
    expect(fake.hasProject('acme', 'shop')).toBe(false);
  });

  it('creates the project and the repository, commits the folder with the user git and pushes it', async () => {
    const r = await cc(['create', './shop', '--space', 'acme', '--project', 'shop']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Signed in to CodeCatalyst as dev@example.com.');
    expect(r.stdout).toContain('Created project shop in space acme.');
    expect(r.stdout).toContain('Created source repository shop.');
    expect(r.stdout).toMatch(/Pushed a first commit \([0-9a-f]{7}, \d+ files\) to branch main of shop \(git remote "origin"\)\./);
    expect(r.stdout).toContain('catalyst-gen codecatalyst run Deploy --space acme --project shop --repository shop --follow');
    expect(r.stdout).toContain('catalyst-gen codecatalyst devenv --space acme --project shop --repository shop --branch main');

    // What CodeCatalyst has: the generated files on main (not what .gitignore leaves out), by the user.
    expect(fake.branches('acme', 'shop', 'shop').map((b) => b.name)).toEqual(['main']);
    const files = fake.files('acme', 'shop', 'shop');
    expect(files).toEqual(expect.arrayContaining(['.catalyst-gen/manifest.json', '.codecatalyst/workflows/Deploy.yaml', '.codecatalyst/workflows/PullRequest.yaml', 'devfile.yaml', 'README.md']));
    expect(files.filter((f) => f.startsWith('node_modules/'))).toEqual([]);
    const { spawnSync } = await import('node:child_process');
    const log = spawnSync('git', ['log', '-1', '--format=%an <%ae>|%s', 'main'], { cwd: fake.repoDir('acme', 'shop', 'shop'), encoding: 'utf8' }).stdout.trim();
    expect(log).toBe(`Dana Developer <dana@example.com>|Initial commit: blueprint three-tier-web ${meta.version}, made with catalyst-gen`);
    // Every call carried the bearer token.
    expect(fake.requests.every((q) => q.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('uses a project that exists, and refuses a repository that has branches, before creating or pushing anything', async () => {
    fake.seed('acme', 'existing', ['taken'], true);
    const before = fake.branches('acme', 'existing', 'taken');
    const refused = await cc(['create', './shop', '--space', 'acme', '--project', 'existing', '--repository', 'taken']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The source repository taken in acme/existing already has branches (main); nothing was created or pushed.');
    expect(fake.branches('acme', 'existing', 'taken')).toEqual(before);

    // Another folder into the existing project: the project is reused.
    expect(cg(box, ['new', 'starter', './notes', '--no-input']).code).toBe(0);
    const r = await cc(['create', './notes', '--space', 'acme', '--project', 'existing']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Using the existing project existing in space acme.');
    expect(fake.files('acme', 'existing', 'notes')).toEqual(expect.arrayContaining(['README.md', '.gitignore']));
  });

  it('without a git identity, says how to set one (exit 3)', async () => {
    expect(cg(box, ['new', 'starter', './anon', '--no-input']).code).toBe(0);
    const r = await cc(['create', './anon', '--space', 'acme', '--project', 'anon'], { HOME: join(box.root, 'nobody'), XDG_CONFIG_HOME: join(box.root, 'nobody') });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('git has no identity to commit with');
    expect(r.stderr).toContain('git config --global user.email you@example.com');
  });
});

describe('codecatalyst run and runs', () => {
  it('starts a workflow found by name and follows it to success (exit 0)', async () => {
    const r = await cc(['run', 'Deploy', '--space', 'acme', '--project', 'shop', '--follow', '--poll-seconds', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Started run run-1 of workflow Deploy \(shop, branch main\)\.\n {2}> VALIDATING\n {2}> PROVISIONING\n {2}> IN_PROGRESS\nRun SUCCEEDED in 180s: Deploy run-1\n$/);
  });

  it('follows a failed run to exit 1, with the reasons', async () => {
    fake.outcomes.set('PullRequest', { status: 'FAILED', reasons: ['Action BuildAndTest failed'] });
    const r = await cc(['run', 'PullRequest', '--space', 'acme', '--project', 'shop', '--follow', '--poll-seconds', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Run FAILED in 180s: PullRequest run-2 - .*Action BuildAndTest failed/);
  });

  it('an unknown workflow is an error that lists the known ones', async () => {
    const r = await cc(['run', 'Deplyo', '--space', 'acme', '--project', 'shop']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No workflow named Deplyo in acme/shop. Did you mean Deploy? Workflows: Deploy, PullRequest.');
  });

  it('lists recent runs, newest first', async () => {
    const r = await cc(['runs', 'Deploy', '--space', 'acme', '--project', 'shop', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ id: 'run-1', status: 'SUCCEEDED', startTime: '2026-12-04T12:00:00.000Z', endTime: '2026-12-04T12:03:00.000Z', reasons: [] }]);
  });

  it('Ctrl-C stops following; the run goes on, and it says where to see it (exit 130)', async () => {
    const child = spawn(process.execPath, [BIN, 'codecatalyst', 'run', 'Deploy', '--space', 'acme', '--project', 'shop', '--follow', '--poll-seconds', '30'], { cwd: box.work, env: { ...box.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (stdout.includes('> VALIDATING')) child.kill('SIGINT');
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    outputs.push(stdout, stderr);
    expect(code).toBe(130);
    expect(stderr).toMatch(/Stopped following run run-\d+\. The run goes on in CodeCatalyst \(the API cannot stop a run; stop it in the console\): https:\/\/codecatalyst\.aws\/spaces\/acme\/projects\/shop/);
  });
});

describe('codecatalyst devenv', () => {
  it('creates a Dev Environment on the branch with the console defaults, and waits until it runs', async () => {
    const r = await cc(['devenv', '--space', 'acme', '--project', 'shop', '--repository', 'shop', '--poll-seconds', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Created Dev Environment devenv-1 on shop@main (VSCode, dev.standard1.small, 16 GiB).');
    expect(r.stdout).toContain('  > PENDING\n  > STARTING\nDev Environment RUNNING: devenv-1.');
    const create = fake.requests.find((q) => q.method === 'PUT' && q.path.endsWith('/devEnvironments'));
    expect(create?.body).toEqual({ repositories: [{ repositoryName: 'shop', branchName: 'main' }], ides: [{ name: 'VSCode' }], instanceType: 'dev.standard1.small', persistentStorage: { sizeInGiB: 16 }, inactivityTimeoutMinutes: 15 });
  });
});

describe('signing in', () => {
  it('without a token or an SSO session: one line with the command to run (exit 3)', async () => {
    const r = await cc(['run', 'Deploy', '--space', 'acme', '--project', 'shop'], { AWS_BEARER_TOKEN_CODECATALYST: '', AWS_PROFILE: 'cc', AWS_CONFIG_FILE: join(box.root, 'none') });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: No CodeCatalyst session for profile "cc" \(.*\): run "aws sso login --profile cc" \(a profile with an sso_session for your AWS Builder ID or IAM Identity Center\), or set AWS_BEARER_TOKEN_CODECATALYST in CI\.\n$/);
  });

  it('uses the token that aws sso login left in the SSO cache for the profile', async () => {
    const home = join(box.root, 'sso-home');
    const cache = join(home, '.aws/sso/cache');
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(home, '.aws/config'), '[profile cc]\nsso_session = builder\n\n[sso-session builder]\nsso_start_url = https://view.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = codecatalyst:read_write\n');
    const file = join(cache, `${createHash('sha1').update('builder').digest('hex')}.json`);
    const session = (expiresAt: string) => JSON.stringify({ accessToken: TOKEN, expiresAt, region: 'us-east-1', startUrl: 'https://view.awsapps.com/start' });
    writeFileSync(file, session('2099-01-01T00:00:00Z'));
    const ssoEnv = { HOME: home, AWS_CONFIG_FILE: join(home, '.aws/config'), AWS_BEARER_TOKEN_CODECATALYST: '' };
    const ok = await cc(['runs', 'Deploy', '--space', 'acme', '--project', 'shop', '--profile', 'cc'], ssoEnv);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('run-1');

    // Expired, with nothing to refresh it with: sign in again.
    writeFileSync(file, session('2020-01-01T00:00:00Z'));
    const expired = await cc(['runs', 'Deploy', '--space', 'acme', '--project', 'shop', '--profile', 'cc'], ssoEnv);
    expect(expired.code).toBe(3);
    expect(expired.stderr).toContain('run "aws sso login --profile cc"');
  });

  it('a session CodeCatalyst refuses (expired on its side): sign in again (exit 3)', async () => {
    fake.refuseSession = true;
    try {
      const r = await cc(['runs', 'Deploy', '--space', 'acme', '--project', 'shop']);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('No CodeCatalyst session (CodeCatalyst refused the session for codecatalyst:ListWorkflows in acme/shop; it may have expired)');
    } finally {
      fake.refuseSession = false;
    }
  });
});

describe("the generated README's Into CodeCatalyst commands", () => {
  it('work as written (with the space filled in), from the project folder', async () => {
    expect(cg(box, ['new', 'serverless-python', './photos', '--no-input', '--set', 'appName=photo-tags']).code).toBe(0);
    const readme = readFileSync(join(box.work, 'photos/README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Into CodeCatalyst'));
    const commands = /```sh\n([\s\S]*?)```/.exec(section)![1]!.trim().split('\n').map((l) => l.replace(/\s+#.*$/, ''));
    expect(commands).toEqual([
      'catalyst-gen codecatalyst create . --space <space> --project photo-tags --repository photo-tags',
      'catalyst-gen codecatalyst run Deploy --space <space> --project photo-tags --follow',
      'catalyst-gen codecatalyst devenv --space <space> --project photo-tags --repository photo-tags',
    ]);
    for (const line of commands) {
      const args = line.replace('<space>', 'readers').split(' ').slice(2);
      // Only so the test does not wait 5 s between status reads.
      const quick = args[0] === 'create' ? [] : ['--poll-seconds', '1'];
      const r = await cc([...args, ...quick], {}, join(box.work, 'photos'));
      expect(r.code, `${line}\n${r.stderr}`).toBe(0);
    }
    expect(fake.files('readers', 'photo-tags', 'photo-tags')).toContain('.codecatalyst/workflows/Deploy.yaml');
  });
});
