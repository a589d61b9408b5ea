import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueEntries } from '../../blueprints/catalogue.js';
import { tempDir } from '../helpers/cli.js';

// `catalyst-gen` as installed is the bundle that scripts/bundle.mjs builds (package.json `bin`); the other tests
// run the CLI from source or from dist/src/cli/bin.js. The bundle must do exactly what the tsc output does.

const PKG = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; bin: Record<string, string> };
const BUNDLED = resolve(PKG.bin['catalyst-gen']!);
const UNBUNDLED = resolve('dist/src/cli/bin.js');
const BLUEPRINTS = catalogueEntries.map((b) => b.id);

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(bin: string, args: readonly string[], extraEnv: Record<string, string> = {}): Run {
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'FORCE_COLOR' && k !== 'NO_COLOR')), ...extraEnv };
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Both binaries with the same arguments; `{dir}` in an argument is a folder of each binary's own. */
function both(args: readonly string[], dirs = { bundled: tempDir('cg-bundled-'), unbundled: tempDir('cg-unbundled-') }): { bundled: Run; unbundled: Run; dirs: { bundled: string; unbundled: string } } {
  const go = (bin: string, dir: string) => {
    const r = run(bin, args.map((a) => a.replaceAll('{dir}', dir)));
    return { code: r.code, stdout: r.stdout.replaceAll(dir, '{dir}'), stderr: r.stderr.replaceAll(dir, '{dir}') };
  };
  return { bundled: go(BUNDLED, dirs.bundled), unbundled: go(UNBUNDLED, dirs.unbundled), dirs };
}

/** Every file below a folder: its bytes and whether it is executable. */
function tree(dir: string): Record<string, { bytes: Buffer; executable: boolean }> {
  const out: Record<string, { bytes: Buffer; executable: boolean }> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = { bytes: readFileSync(p), executable: (statSync(p).mode & 0o111) !== 0 };
    }
  };
  walk(dir);
  return out;
}

describe('the bundled command', () => {
  it('is what package.json installs, executable, with its bundle and code cache beside it', () => {
    expect(relative(resolve('dist/src'), BUNDLED)).toBe(join('bundle', 'bin.js'));
    expect(statSync(BUNDLED).mode & 0o111).toBe(0o111);
    for (const f of ['cli.js', 'cli.cache']) expect(statSync(join(dirname(BUNDLED), f)).size).toBeGreaterThan(0);
  });

  it('has a code cache that this Node.js accepts', () => {
    const check = `const { Script } = require('node:vm'); const { readFileSync } = require('node:fs');
      const file = ${JSON.stringify(join(dirname(BUNDLED), 'cli.js'))};
      const s = new Script(readFileSync(file, 'utf8'), { filename: file, cachedData: readFileSync(${JSON.stringify(join(dirname(BUNDLED), 'cli.cache'))}) });
      process.stdout.write(String(s.cachedDataRejected));`;
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS'));
    expect(spawnSync(process.execPath, ['-e', check], { encoding: 'utf8', env }).stdout).toBe('false');
  });

  it.each(BLUEPRINTS)('new %s writes the same files, byte for byte, and says the same as the unbundled CLI', (id) => {
    const { bundled, unbundled, dirs } = both(['new', id, '{dir}/project', '--no-input']);
    expect(bundled).toEqual(unbundled);
    expect(bundled.code).toBe(0);
    const files = tree(join(dirs.bundled, 'project'));
    expect(Object.keys(files).length).toBeGreaterThan(1);
    expect(files).toEqual(tree(join(dirs.unbundled, 'project')));
  });

  it('validates a generated project, and reports a broken file with the same lines and columns', () => {
    const dir = join(tempDir(), 'project');
    expect(run(BUNDLED, ['new', 'three-tier-web', dir, '--no-input']).code).toBe(0);
    const ok = run(BUNDLED, ['validate', dir]);
    expect(ok).toEqual(run(UNBUNDLED, ['validate', dir]));
    expect(ok.code).toBe(0);

    // A syntax error and a schema error: the position-aware parse and the full validators, on the bundled copies.
    const wf = join(dir, '.codecatalyst', 'workflows', 'broken.yaml');
    writeFileSync(wf, 'Name: broken\nSchemaVersion: "1.0"\nActions:\n  Build:\n    Identifier: aws/build@v1\n    Inputs: [\n');
    writeFileSync(join(dir, 'buildspec.yml'), 'version: 0.2\nphases:\n  build:\n    commandz:\n      - make\n');
    for (const format of ['text', 'json']) {
      const bad = run(BUNDLED, ['validate', dir, '--format', format]);
      expect(bad).toEqual(run(UNBUNDLED, ['validate', dir, '--format', format]));
      expect(bad.code).toBe(1);
    }
    expect(run(BUNDLED, ['validate', wf]).stdout).toMatch(/broken\.yaml:\d+:\d+: error/);
  });

  it('updates an edited project the same way: plan and diff, three-way merge, manifest', () => {
    const { dirs } = both(['new', 'three-tier-web', '{dir}/p', '--no-input']);
    const deploy = (dir: string) => join(dir, 'p', '.codecatalyst', 'workflows', 'Deploy.yaml');
    for (const dir of Object.values(dirs)) writeFileSync(deploy(dir), readFileSync(deploy(dir), 'utf8').replace('\nName: Deploy\n', '\nName: Deploy\n# my note\n'));
    const dry = both(['update', '{dir}/p', '--set', 'branch=release', '--dry-run'], dirs);
    expect(dry.bundled).toEqual(dry.unbundled);
    expect(dry.bundled.stdout).toMatch(/merge +\.codecatalyst\/workflows\/Deploy\.yaml[\s\S]*\+ +- release/);
    const real = both(['update', '{dir}/p', '--set', 'branch=release'], dirs);
    expect(real.bundled).toEqual(real.unbundled);
    expect(real.bundled.code).toBe(0);
    expect(tree(join(dirs.bundled, 'p'))).toEqual(tree(join(dirs.unbundled, 'p')));
    expect(readFileSync(deploy(dirs.bundled), 'utf8')).toMatch(/# my note[\s\S]*- release/);
  });

  it('ends quietly when the reader closes stdout early (| head)', async () => {
    const closed = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((done, fail) => {
        const child = spawn(process.execPath, [BUNDLED, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.destroy();
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', fail);
        child.on('close', (code) => done({ code, stderr }));
      });
    expect(await closed(['new', 'starter', join(tempDir(), 'x'), '--no-input', '--dry-run'])).toEqual({ code: 0, stderr: '' });
    expect(await closed(['list'])).toEqual({ code: 0, stderr: '' });
  });

  it.each([['--version'], ['--help'], ['list'], ['list', '--json'], ['show', 'private-build'], ['schema', 'workflow'], ['new', 'nope'], ['codeartifact', '--help'], ['codebuild', 'sync', '--help']])(
    '%s prints the same and exits with the same code',
    (...args) => {
      const { bundled, unbundled } = both(args);
      expect(bundled).toEqual(unbundled);
    },
  );

  it('loads an external library when a command needs it (codecatalyst: the AWS SDK, from node_modules)', () => {
    // An endpoint nobody listens on: the SDK client loads, sends, and its error is mapped the same way.
    const env = { AWS_BEARER_TOKEN_CODECATALYST: 'token-for-tests', AWS_ENDPOINT_URL_CODECATALYST: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' };
    const args = ['codecatalyst', 'runs', 'Deploy', '--space', 'acme', '--project', 'shop'];
    const bundled = run(BUNDLED, args, env);
    expect(bundled).toEqual(run(UNBUNDLED, args, env));
    expect(bundled.code).toBe(3);
    expect(bundled.stderr).toContain('Cannot reach the AWS endpoint for codecatalyst:ListWorkflows in acme/shop (ECONNREFUSED)');
  });

  it('works the same without its code cache, and with one V8 rejects', () => {
    // A private copy of the build (as the benchmark makes), so the shared dist/ is never touched.
    const root = tempDir('cg-bundle-copy-');
    cpSync('dist', join(root, 'dist'), { recursive: true });
    cpSync('package.json', join(root, 'package.json'));
    symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
    const bin = join(root, relative(process.cwd(), BUNDLED));
    const cache = join(dirname(bin), 'cli.cache');
    const newProject = (binary: string) => {
      const dir = join(tempDir(), 'project');
      const r = run(binary, ['new', 'three-tier-web', dir, '--no-input']);
      return { ...r, stdout: r.stdout.replaceAll(dir, '{dir}'), files: tree(dir) };
    };
    const expected = newProject(BUNDLED);
    expect(expected.code).toBe(0);
    for (const spoil of [() => rmSync(cache), () => writeFileSync(cache, 'not a V8 code cache')]) {
      spoil();
      expect(run(bin, ['--version'])).toEqual({ code: 0, stdout: `${PKG.version}\n`, stderr: '' });
      expect(newProject(bin)).toEqual(expected);
    }
  });
});
