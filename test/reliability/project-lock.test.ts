import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_PATH } from '../../src/io/project-lock.js';
import { tempDir } from '../helpers/cli.js';
import { runChild } from '../helpers/child-cli.js';

// One catalyst-gen at a time changes a project. Two runs started together must both take effect (or the second
// must say who holds the folder), leave no conflict markers, and never fail on each other's files; a lock or a
// temporary file left by a killed run must not stop or litter the next one.

const ROUNDS = 6;

/** Every file below `dir` (relative paths), for markers and leftovers. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

const manifestOptions = (dir: string) => (JSON.parse(readFileSync(join(dir, '.catalyst-gen/manifest.json'), 'utf8')) as { options: Record<string, unknown> }).options;

/** A process id that is not running: one that just exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('two runs on one folder at once', () => {
  it(`two concurrent updates both take effect and leave no markers (${ROUNDS} rounds)`, async () => {
    const dir = join(tempDir('cg-lock-'), 'app');
    expect((await runChild(process.cwd(), ['new', 'three-tier-web', dir, '--no-input'])).code).toBe(0);
    for (let i = 0; i < ROUNDS; i++) {
      const [a, b] = await Promise.all([
        runChild(dir, ['update', '--set', `branch=feature-${i}`, '--yes']),
        runChild(dir, ['update', '--set', `appName=app-${i}`, '--yes']),
      ]);
      expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
      expect(manifestOptions(dir)).toMatchObject({ branch: `feature-${i}`, appName: `app-${i}` });
      for (const f of files(dir)) expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(/^(<<<<<<<|>>>>>>>) /m);
      // The project is exactly what the blueprint renders for those options.
      expect((await runChild(dir, ['update', '--check'])).code).toBe(0);
      expect(existsSync(join(dir, LOCK_PATH))).toBe(false);
    }
  });

  it(`two concurrent news into one new folder both succeed (${ROUNDS} rounds)`, async () => {
    const root = tempDir('cg-lock-new-');
    for (let i = 0; i < ROUNDS; i++) {
      const dir = join(root, `app-${i}`);
      const [a, b] = await Promise.all([runChild(root, ['new', 'three-tier-web', dir, '--no-input']), runChild(root, ['new', 'three-tier-web', dir, '--no-input'])]);
      expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
      expect(files(dir).filter((f) => f.endsWith('.tmp') || f === LOCK_PATH)).toEqual([]);
      expect((await runChild(dir, ['update', '--check'])).code).toBe(0);
    }
  });

  it('a run that cannot get the lock in time names the holder, exits 3 and changes nothing', async () => {
    const dir = join(tempDir('cg-lock-held-'), 'app');
    expect((await runChild(process.cwd(), ['new', 'starter', dir, '--no-input'])).code).toBe(0);
    const before = readFileSync(join(dir, '.catalyst-gen/manifest.json'), 'utf8');
    // This test's process is alive: its lock is respected.
    writeFileSync(join(dir, LOCK_PATH), JSON.stringify({ pid: process.pid, host: hostname(), command: 'update --set x=1', started: '2026-12-04T10:00:00.000Z' }));
    const r = await runChild(dir, ['update', '--set', 'description=changed'], { env: { CATALYST_GEN_LOCK_WAIT: '0.5' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      `error: ${dir} is being changed by catalyst-gen "update --set x=1" (process ${process.pid}, since 2026-12-04T10:00:00.000Z); waited 0.5 s. Run this again when it has finished. If no such process runs, remove ${join(dir, LOCK_PATH)}.\n`,
    );
    expect(readFileSync(join(dir, '.catalyst-gen/manifest.json'), 'utf8')).toBe(before);
  });

  it('a devfile edit waits for the lock too', async () => {
    const dir = join(tempDir('cg-lock-devfile-'), 'app');
    expect((await runChild(process.cwd(), ['new', 'three-tier-web', dir, '--no-input'])).code).toBe(0);
    writeFileSync(join(dir, LOCK_PATH), JSON.stringify({ pid: process.pid, host: hostname(), command: 'update', started: '' }));
    const r = await runChild(dir, ['devfile', 'add-env', 'A=1'], { env: { CATALYST_GEN_LOCK_WAIT: '0.2' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/is being changed by catalyst-gen "update" \(process \d+\)/);
    expect(readFileSync(join(dir, 'devfile.yaml'), 'utf8')).not.toContain('name: A');
  });
});

describe('what a killed run leaves behind', () => {
  it('a lock whose process is gone is taken over, and released after', async () => {
    const dir = join(tempDir('cg-lock-stale-'), 'app');
    expect((await runChild(process.cwd(), ['new', 'starter', dir, '--no-input'])).code).toBe(0);
    writeFileSync(join(dir, LOCK_PATH), JSON.stringify({ pid: deadPid(), host: hostname(), command: 'update', started: '' }));
    const r = await runChild(dir, ['update', '--set', 'description=after a crash'], { env: { CATALYST_GEN_LOCK_WAIT: '0' } });
    expect(r.code, r.stderr).toBe(0);
    expect(manifestOptions(dir)['description']).toBe('after a crash');
    expect(existsSync(join(dir, LOCK_PATH))).toBe(false);
  });

  it("removes temporary files of processes that are gone, and keeps a running one's", async () => {
    const dir = join(tempDir('cg-leftovers-'), 'app');
    expect((await runChild(process.cwd(), ['new', 'three-tier-web', dir, '--no-input'])).code).toBe(0);
    const dead = deadPid();
    const left = [`.README.md.catalyst-gen-${dead}-0a1b2c3d.tmp`, `.catalyst-gen/.manifest.json.catalyst-gen-${dead}-00ff00ff.tmp`, `infra/.package.json.catalyst-gen-${dead}-12345678.tmp`];
    const live = `.devfile.yaml.catalyst-gen-${process.pid}-abcdef01.tmp`;
    for (const f of [...left, live]) writeFileSync(join(dir, f), 'half a file');
    const r = await runChild(dir, ['update', '--set', 'branch=develop']);
    expect(r.code, r.stderr).toBe(0);
    for (const f of left) expect(existsSync(join(dir, f)), f).toBe(false);
    expect(existsSync(join(dir, live))).toBe(true);
  });

  it('new killed at any moment (kill -9), then run again: a complete project and no temporary files', async () => {
    const root = tempDir('cg-kill-');
    for (let i = 0; i < 8; i++) {
      const dir = join(root, `app-${i}`);
      mkdirSync(dir);
      const child = runChild(root, ['new', 'secure-cdk-pipeline', dir, '--no-input']);
      // Kill it somewhere between start-up and the last rename (a run takes about 150-300 ms here).
      await new Promise((r) => setTimeout(r, 80 + i * 30));
      spawnSync('pkill', ['-9', '-f', dir]);
      await child;
      const again = await runChild(root, ['new', 'secure-cdk-pipeline', dir, '--no-input']);
      expect(again.code, again.stderr).toBe(0);
      expect(files(dir).filter((f) => f.endsWith('.tmp') || f === LOCK_PATH)).toEqual([]);
      expect((await runChild(dir, ['update', '--check'])).code).toBe(0);
    }
  });
});
