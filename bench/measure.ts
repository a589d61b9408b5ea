import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The nearest-rank percentile (`p` in 0-100) of a sample. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export interface ProcessRun {
  readonly ms: number;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `node <args>` to completion and time it from spawn to exit (what a user or a hook waits for). */
export function timeNode(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): ProcessRun {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Peak RSS (bytes) of `node <args>`, reported by the process itself through `report-rss.js`. */
export function peakRss(args: readonly string[], cwd: string, reporter: string): { bytes: number; run: ProcessRun } {
  const dir = mkdtempSync(join(tmpdir(), 'catalyst-gen-rss-'));
  const file = join(dir, 'rss');
  try {
    const run = timeNode(['--import', pathToFileURL(reporter).href, ...args], cwd, { ...process.env, BENCH_RSS_FILE: file });
    return { bytes: Number(readFileSync(file, 'utf8')), run };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Time `fn` over `items`, returning items per second. */
export function throughput<T>(items: readonly T[], fn: (item: T) => unknown): number {
  const t0 = process.hrtime.bigint();
  for (const it of items) fn(it);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  return items.length / s;
}
