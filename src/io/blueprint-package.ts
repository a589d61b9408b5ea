import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EnvironmentError, UsageError } from '../errors.js';
import { EXACT_VERSION } from '../model/blueprint-source.js';
import { isRecord } from '../model/values.js';
import { runProcess } from './run-process.js';
import { isInside } from './target.js';

/** An npm package on disk. */
export interface InstalledPackage {
  readonly name: string;
  readonly version: string;
  /** The package's folder (its package.json is there). */
  readonly dir: string;
}

/** A range or tag that is not one exact version is installed again once its copy in the cache is this old. */
export const ON_DEMAND_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** The package as Node.js would find it from `from`: `node_modules/<name>` in that folder or a parent. */
export function findInstalledPackage(name: string, from: string): InstalledPackage | undefined {
  for (let d = resolve(from); ; ) {
    const found = packageIn(d, name);
    if (found) return found;
    const parent = dirname(d);
    if (parent === d) return undefined;
    d = parent;
  }
}

/** The package in `<folder>/node_modules/<name>`, only there. */
function packageIn(folder: string, name: string): InstalledPackage | undefined {
  const dir = join(folder, 'node_modules', ...name.split('/'));
  const pkg = readPackageJson(dir);
  return pkg && pkg['name'] === name && typeof pkg['version'] === 'string' ? { name, version: pkg['version'], dir } : undefined;
}

function readPackageJson(dir: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as unknown;
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

const INDEX_FILES = ['index.ts', 'index.mts', 'index.js', 'index.mjs'];

/**
 * The blueprint file of a folder (a package or a plain folder): `catalystGen.blueprint` in its package.json,
 * else the package's main entry (`exports["."]`, preferring the `import` condition, then `module`, `main`), else
 * index.ts/.mts/.js/.mjs. The package.json is untrusted: an entry outside the folder is refused.
 */
export function folderEntry(dir: string): string {
  const pkg = readPackageJson(dir);
  const declared = pkg ? declaredEntry(pkg) : undefined;
  if (declared !== undefined) {
    const file = resolve(dir, declared);
    if (!isInside(dir, file)) throw new UsageError(`${join(dir, 'package.json')} points its blueprint at ${declared}, which is outside the package.`);
    if (!existsSync(file)) throw new UsageError(`${join(dir, 'package.json')} points its blueprint at ${declared}, which does not exist${pkg?.['main'] === declared ? ' (is the package built?)' : ''}.`);
    return file;
  }
  for (const name of INDEX_FILES) if (existsSync(join(dir, name))) return join(dir, name);
  throw new UsageError(
    `${dir} holds no blueprint: add "catalystGen": { "blueprint": "src/index.ts" } to its package.json, or an index.ts (or .mts, .js, .mjs) file.`,
  );
}

function declaredEntry(pkg: Record<string, unknown>): string | undefined {
  const own = pkg['catalystGen'];
  if (isRecord(own) && typeof own['blueprint'] === 'string') return own['blueprint'];
  const exp = pkg['exports'];
  const dot = typeof exp === 'string' ? exp : isRecord(exp) ? (exp['.'] ?? (Object.keys(exp).some((k) => k.startsWith('.')) ? undefined : exp)) : undefined;
  const fromExports = conditional(dot);
  if (fromExports) return fromExports;
  for (const k of ['module', 'main']) if (typeof pkg[k] === 'string') return pkg[k] as string;
  return undefined;
}

/** The file an `exports` target gives for `import` on Node.js. */
function conditional(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (!isRecord(target)) return undefined;
  for (const c of ['import', 'node', 'default']) {
    const r = conditional(target[c]);
    if (r) return r;
  }
  return undefined;
}

/** How an on-demand install runs npm: the command line and its folder. Tests hand in their own. */
export type NpmRunner = (args: readonly string[], cwd: string) => Promise<{ code: number; output: string }>;

interface InstallRecord {
  readonly name: string;
  readonly spec: string;
  readonly version: string;
  readonly installedAt: number;
}

/**
 * Install `name@range` into the cache with the user's own npm and npm configuration (registry, scopes, the
 * token `codeartifact login --tool npm` wrote), and return it. One folder per spec: an exact version installed
 * once is used from then on; a range or dist-tag is installed again after a day. Scripts are not run
 * (`--ignore-scripts`) and peer dependencies (catalyst-gen itself) are not installed: blueprint code imports
 * the running catalyst-gen.
 */
export async function installPackage(
  name: string,
  range: string | undefined,
  opts: { readonly cacheDir: string; readonly now?: number; readonly npm?: NpmRunner; readonly log?: (line: string) => void },
): Promise<InstalledPackage> {
  const spec = `${name}@${range ?? 'latest'}`;
  const dir = join(opts.cacheDir, 'packages', encodeURIComponent(spec));
  const now = opts.now ?? Date.now();
  const record = readInstallRecord(dir);
  const installed = record ? packageIn(dir, name) : undefined;
  if (record && installed && (EXACT_VERSION.test(range ?? '') || now - record.installedAt < ON_DEMAND_MAX_AGE_MS)) return installed;

  opts.log?.(`Installing ${spec} with npm into ${dir} ...`);
  const work = `${dir}.${process.pid}.tmp`;
  try {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'catalyst-gen-blueprint-cache', private: true }, null, 2) + '\n');
  } catch (e) {
    throw new EnvironmentError(`Cannot create ${work} to install ${spec} (set CATALYST_GEN_CACHE_DIR to use another cache folder): ${(e as Error).message}`, { cause: e });
  }
  const args = ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps', '--no-package-lock', '--loglevel=error', spec];
  const { code, output } = await (opts.npm ?? runNpm)(args, work);
  const got = code === 0 ? packageIn(work, name) : undefined;
  if (!got) {
    rmSync(work, { recursive: true, force: true });
    if (installed) {
      opts.log?.(`npm could not refresh ${spec} (${npmReason(output, code)}); using the copy installed before (${installed.version}).`);
      return installed;
    }
    throw new EnvironmentError(
      `npm could not install ${spec}: ${npmReason(output, code)}. If it is in a private registry such as CodeArtifact, log in first (catalyst-gen codeartifact login --tool npm --domain <domain> --repository <repository>), or install it in your project (npm install --save-dev ${name}).`,
    );
  }
  const done: InstallRecord = { name, spec, version: got.version, installedAt: now };
  writeFileSync(join(work, 'installed.json'), JSON.stringify(done, null, 2) + '\n');
  rmSync(dir, { recursive: true, force: true });
  renameSync(work, dir);
  return { ...got, dir: join(dir, 'node_modules', ...name.split('/')) };
}

function readInstallRecord(dir: string): InstallRecord | undefined {
  try {
    const r = JSON.parse(readFileSync(join(dir, 'installed.json'), 'utf8')) as InstallRecord;
    return typeof r.installedAt === 'number' && statSync(dir).isDirectory() ? r : undefined;
  } catch {
    return undefined;
  }
}

/** npm's own explanation: its `npm error` lines without the log file pointer, or the exit code. */
function npmReason(output: string, code: number): string {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.replace(/^npm (error|ERR!)\s*/, '').trim())
    .filter((l) => l !== '' && !/complete log of this run|A complete log|^\s*$/.test(l));
  return lines.length > 0 ? lines.slice(0, 4).join(' ') : `npm exited with ${code}`;
}

const runNpm: NpmRunner = (args, cwd) => {
  const win = process.platform === 'win32';
  return runProcess(win ? 'npm.cmd' : 'npm', args, { cwd, shell: win, what: 'npm to install a blueprint package (is npm on PATH?)' });
};
