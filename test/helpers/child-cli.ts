import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The installed command (package.json `bin`, the bundle the test set-up builds) in a process of its own, as
 * users run it: real exit codes, stdout and stderr, signals, umask, and what the process cost. The heap is capped
 * (a runaway read or expansion dies of it), and the child reports its peak resident memory on exit.
 */
const PKG = JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string> };
export const BIN = resolve(PKG.bin['catalyst-gen']!);
export const HEAP_MB = 256;

export interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** Peak resident memory of the child, NaN when it did not exit normally. */
  readonly rssMb: number;
  /** Whether the test killed it for running past `timeoutMs`. */
  readonly timedOut: boolean;
}

export interface ChildOptions {
  readonly env?: Readonly<Record<string, string>>;
  /** Kill the child after this long (a command that blocks must not hang the suite). @default 60_000 */
  readonly timeoutMs?: number;
  /** A shell line run before the command, e.g. `umask 077`. */
  readonly shellPrefix?: string;
}

let hook: string | undefined;
let runs = 0;

/** The environment children get: no colour, no AWS settings from the machine running the tests. */
export function childEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'FORCE_COLOR' && !k.startsWith('AWS_'))),
    NO_COLOR: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

export function runChild(cwd: string, args: readonly string[], opts: ChildOptions = {}): Promise<ChildRun> {
  if (!hook) {
    hook = join(mkdtempSync(join(tmpdir(), 'cg-child-')), 'rss-hook.cjs');
    writeFileSync(hook, "process.on('exit', () => require('fs').writeFileSync(process.env.CG_RSS_FILE, String(process.resourceUsage().maxRSS)));\n");
  }
  const rssFile = `${hook}.${process.pid}.${++runs}`;
  const node = [process.execPath, `--max-old-space-size=${HEAP_MB}`, '--require', hook, BIN, ...args];
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const [cmd, argv] = opts.shellPrefix ? ['/bin/sh', ['-c', `${opts.shellPrefix}; exec ${node.map(quote).join(' ')}`]] : [node[0]!, node.slice(1)];
  const started = performance.now();
  const child = spawn(cmd, argv, { cwd, env: childEnv({ CG_RSS_FILE: rssFile, ...opts.env }) });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.on('data', (c: Buffer) => void (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, opts.timeoutMs ?? 60_000);
  return new Promise((done) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const rssKb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : Number.NaN;
      done({ code, signal, stdout, stderr, ms: performance.now() - started, rssMb: rssKb / 1024, timedOut });
    }),
  );
}
