import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import semver from 'semver';
import { REPO_ROOT } from './files.js';
import { spawnAsync, type SpawnResult } from './spawn.js';

/**
 * A loopback npm registry, so that tests install packages with the real npm and never reach the internet:
 *
 * - every package of this repository's package-lock.json, at its locked versions, with the tarballs npm already
 *   has in its local cache (`npm ci` put them there; cacache's content-v2 layout, by integrity);
 * - packages a test publishes (`publish(tarball)`): a blueprint package, catalyst-gen's own `npm pack`.
 *
 * Packuments are synthesized from the lockfile (dependencies, peers and their optional flags, bins, engines,
 * os/cpu/libc), so npm resolves exactly the versions this repository was tested with. Point npm at it with
 * `--registry <url>` and a fresh `--cache`.
 */
export class LocalRegistry {
  private server?: Server;
  private readonly versions = new Map<string, Map<string, Record<string, unknown>>>();
  private readonly tarballs = new Map<string, () => Buffer | undefined>();
  private readonly requested: string[] = [];
  url = '';

  /** @param token when given, every request must carry `Authorization: Bearer <token>` (a private registry). */
  constructor(private readonly token?: string) {
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
    // The repository pins some packages with `overrides`; its lockfile then has only those versions, so the
    // ranges that asked for others are narrowed to them here, as the overrides narrowed them there.
    const overrides = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { overrides?: Record<string, string> }).overrides ?? {};
    const cache = join(npmCacheDir(), '_cacache');
    for (const [key, e] of Object.entries(lock.packages)) {
      if (!key || e.link || !e.integrity || !e.version) continue;
      const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
      const file = `${name.replace(/^.*\//, '')}-${e.version}.tgz`;
      const pinned = Object.fromEntries(
        ['dependencies', 'optionalDependencies', 'peerDependencies'].flatMap((k) =>
          e[k] ? [[k, Object.fromEntries(Object.entries(e[k] as Record<string, string>).map(([d, r]) => [d, overrides[d] ?? r]))]] : [],
        ),
      );
      this.add(name, e.version, { ...e, ...pinned }, file, e.integrity, () => readCachedTarball(cache, e.integrity!));
    }
  }

  /** Serve a package from a tarball made by `npm pack` (its package.json gives name, version and dependencies). */
  publish(tarball: string, manifest: { name: string; version: string } & Record<string, unknown>): void {
    const bytes = readFileSync(tarball);
    const integrity = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
    this.add(manifest.name, manifest.version, manifest, `${manifest.name.replace(/^.*\//, '')}-${manifest.version}.tgz`, integrity, () => bytes);
  }

  /** Names of the packuments and tarballs npm asked for, in order. */
  get requests(): readonly string[] {
    return this.requested;
  }

  private add(name: string, version: string, meta: Record<string, unknown>, file: string, integrity: string, bytes: () => Buffer | undefined): void {
    const path = `/${name}/-/${file}`;
    const pick = (k: string) => (meta[k] !== undefined ? { [k]: meta[k] } : {});
    const doc = {
      name,
      version,
      ...pick('dependencies'),
      ...pick('optionalDependencies'),
      ...pick('peerDependencies'),
      ...pick('peerDependenciesMeta'),
      ...pick('bundleDependencies'),
      ...pick('bin'),
      ...pick('engines'),
      ...pick('os'),
      ...pick('cpu'),
      ...pick('libc'),
      dist: { tarball: path, integrity },
    };
    if (!this.versions.has(name)) this.versions.set(name, new Map());
    this.versions.get(name)!.set(version, doc);
    this.tarballs.set(path, bytes);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
      this.requested.push(path);
      if (this.token !== undefined && req.headers.authorization !== `Bearer ${this.token}`) {
        return void res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }).end('{"error":"Unable to authenticate, need: Bearer"}');
      }
      const tar = this.tarballs.get(path);
      if (tar) {
        const bytes = tar();
        if (!bytes) return void res.writeHead(404).end();
        return void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length }).end(bytes);
      }
      const versions = this.versions.get(path.slice(1));
      if (!versions) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      const base = this.url.replace(/\/$/, '');
      const list = [...versions.entries()].map(([version, v]) => [version, { ...v, dist: { ...(v['dist'] as object), tarball: `${base}${(v['dist'] as { tarball: string }).tarball}` } }] as const);
      const latest = list.map(([version]) => version).sort(semver.compare).at(-1)!;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name: path.slice(1), 'dist-tags': { latest }, versions: Object.fromEntries(list) }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

interface LockEntry extends Record<string, unknown> {
  readonly version?: string;
  readonly integrity?: string;
  readonly link?: boolean;
}

function npmCacheDir(): string {
  const r = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' });
  return r.stdout.trim() || join(process.env['HOME'] ?? '', '.npm');
}

/** A tarball from npm's cache by its integrity (cacache: content-v2/<algorithm>/<hex digest split 2/2/rest>). */
function readCachedTarball(cache: string, integrity: string): Buffer | undefined {
  const [algorithm, b64] = integrity.split(' ')[0]!.split('-') as [string, string];
  const hex = Buffer.from(b64, 'base64').toString('hex');
  const file = join(cache, 'content-v2', algorithm, hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
  return existsSync(file) ? readFileSync(file) : undefined;
}

/** npm with this registry, a fresh cache and no audit or funding calls (asynchronous: the registry is in this process). */
export function npm(args: readonly string[], opts: { cwd: string; registry: string; cache: string; env?: NodeJS.ProcessEnv }): Promise<SpawnResult> {
  return spawnAsync('npm', [...args, '--registry', opts.registry, '--cache', opts.cache, '--no-audit', '--no-fund', '--no-update-notifier'], {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env, npm_config_registry: opts.registry },
  });
}
