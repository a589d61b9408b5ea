import { spawn } from 'node:child_process';

export interface SpawnResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr as they came. */
  readonly output: string;
}

/**
 * Run a program to its end without blocking the test process: needed whenever the program talks to a server
 * the test runs in this process (a loopback registry), which `spawnSync` would starve.
 */
export function spawnAsync(cmd: string, args: readonly string[], opts: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv }): Promise<SpawnResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, [...args], { cwd: opts.cwd, env: opts.env ?? process.env });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.on('data', (c: Buffer) => ((stdout += c.toString()), (output += c.toString())));
    child.stderr.on('data', (c: Buffer) => ((stderr += c.toString()), (output += c.toString())));
    child.on('close', (code) => resolve({ code, stdout, stderr, output }));
  });
}
