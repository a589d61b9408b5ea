import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { run } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the CLI in-process with captured output, no colour and no TTY (so no prompts). */
export async function cli(...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const o: Output = {
    out: (t) => void (stdout += t.endsWith('\n') ? t : t + '\n'),
    err: (t) => void (stderr += t.endsWith('\n') ? t : t + '\n'),
    color: false,
    stdinIsTty: false,
  };
  const code = await run(argv, o);
  return { code, stdout, stderr };
}

export function tempDir(prefix = 'cg-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every file below a folder with its content, to prove that a failed command wrote nothing. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    let names: string[] = [];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(d, n);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}
