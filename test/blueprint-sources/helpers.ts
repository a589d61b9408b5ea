import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/files.js';
import { tempDir } from '../helpers/cli.js';
import { spawnAsync } from '../helpers/spawn.js';

/** The command users run (package.json `bin`: the bundled CLI). */
export const BIN = join(REPO_ROOT, 'dist/src/bundle/bin.js');

/**
 * A user's machine in a temporary folder outside the repository: a home with its own config and cache folders
 * (no catalogue file, no compiled blueprints), and a work folder to run in.
 */
export interface Sandbox {
  readonly root: string;
  readonly work: string;
  readonly env: NodeJS.ProcessEnv;
}

export function sandbox(): Sandbox {
  const root = tempDir('cg-bp-');
  const work = join(root, 'work');
  mkdirSync(work, { recursive: true });
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(FORCE_COLOR|NO_COLOR|XDG_.*|CATALYST_GEN_.*|npm_config_.*)$/i.test(k)));
  return {
    root,
    work,
    env: { ...base, HOME: join(root, 'home'), XDG_CONFIG_HOME: join(root, 'home/.config'), XDG_CACHE_HOME: join(root, 'home/.cache') },
  };
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the installed command in the sandbox (no TTY: no questions). */
export function cg(box: Sandbox, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? box.work, env: { ...box.env, ...opts.env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `cg`, without blocking this process: for runs that talk to a server the test runs (a loopback registry). */
export function cgAsync(box: Sandbox, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return spawnAsync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? box.work, env: { ...box.env, ...opts.env } });
}
