import { closeSync, mkdirSync, openSync, readFileSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { EnvironmentError } from '../errors.js';

/**
 * One catalyst-gen at a time changes a project: `new`, `update` and the devfile edits hold `.catalyst-gen/lock`
 * (created with O_EXCL) from the moment they read the project until they have written it, so two runs never
 * interleave (a lost `--set`, conflict markers in a file the manifest calls clean). A second run waits up to
 * LOCK_WAIT_MS, then stops with a message naming the holder. A lock left by a run that died (`kill -9`, a power
 * cut) is taken over when its process is gone on this machine; one from another machine (a shared folder) is
 * respected, and the message says which file to remove.
 */
export const LOCK_PATH = '.catalyst-gen/lock';

/** How long a second run waits for the first; `CATALYST_GEN_LOCK_WAIT` (seconds) changes it. */
export const LOCK_WAIT_MS = 10_000;

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly started: string;
}

/** Take the project's lock; the function returned gives it back (and removes what taking it created). */
export async function lockProject(root: string, command: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<() => void> {
  const abs = resolve(root);
  const file = join(abs, LOCK_PATH);
  let created: string | undefined;
  try {
    created = mkdirSync(join(abs, '.catalyst-gen'), { recursive: true });
  } catch (e) {
    throw new EnvironmentError(`Cannot lock ${abs} for this change: ${(e as Error).message}`, { cause: e });
  }
  const waitMs = waitOf(env);
  const deadline = Date.now() + waitMs;
  const me: Holder = { pid: process.pid, host: hostname(), command, started: new Date().toISOString() };
  for (;;) {
    if (tryCreate(file, me)) break;
    const holder = readHolder(file);
    if (holder === 'gone') continue;
    if (isStale(holder, file)) {
      // Read again just before removing: another run may have taken over the stale lock a moment ago.
      const again = readHolder(file);
      if (again === 'gone' || JSON.stringify(again) === JSON.stringify(holder)) removeQuietly(file);
      continue;
    }
    if (Date.now() >= deadline) {
      giveBack(file, created, false);
      throw new EnvironmentError(busyMessage(abs, file, holder, waitMs));
    }
    await delay(100);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    giveBack(file, created, true);
  };
}

function waitOf(env: Readonly<Record<string, string | undefined>>): number {
  const text = env['CATALYST_GEN_LOCK_WAIT'];
  const seconds = text === undefined || text === '' ? NaN : Number(text);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : LOCK_WAIT_MS;
}

function tryCreate(file: string, me: Holder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new EnvironmentError(`Cannot lock ${file}: ${(e as Error).message}`, { cause: e });
  }
  try {
    writeSync(fd, `${JSON.stringify(me)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Who holds the lock; 'gone' when it was released meanwhile; undefined when unreadable (being written, or torn). */
function readHolder(file: string): Holder | 'gone' | undefined {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? { pid: v.pid, host: v.host, command: String(v.command ?? ''), started: String(v.started ?? '') } : undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : undefined;
  }
}

/** A holder whose process is gone on this machine; an unreadable lock older than a few seconds (a torn write). */
function isStale(holder: Holder | undefined, file: string): boolean {
  if (holder === undefined) {
    try {
      return Date.now() - statSync(file).mtimeMs > 5_000;
    } catch {
      return false;
    }
  }
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function busyMessage(root: string, file: string, holder: Holder | undefined, waitMs: number): string {
  const who = holder
    ? `catalyst-gen ${holder.command ? `"${holder.command}" ` : ''}(process ${holder.pid}${holder.host !== hostname() ? ` on ${holder.host}` : ''}${holder.started ? `, since ${holder.started}` : ''})`
    : 'another catalyst-gen';
  return `${root} is being changed by ${who}; waited ${waitMs / 1000} s. Run this again when it has finished. If no such process runs, remove ${file}.`;
}

/** Remove the lock, then the folders taking it created, if nothing else was put in them. */
function giveBack(file: string, created: string | undefined, ownLock: boolean): void {
  if (ownLock) removeQuietly(file);
  if (created === undefined) return;
  // mkdirSync reports the first folder it created: that one and those below it, deepest first.
  const dirs = [join(file, '..')];
  while (resolve(dirs[dirs.length - 1]!) !== resolve(created) && dirs.length < 64) dirs.push(join(dirs[dirs.length - 1]!, '..'));
  for (const d of dirs) {
    try {
      rmdirSync(d);
    } catch {
      return; // not empty (the project was written), or gone
    }
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    /* already gone */
  }
}
