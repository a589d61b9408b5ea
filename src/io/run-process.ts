import { spawn } from 'node:child_process';
import { EnvironmentError } from '../errors.js';

/**
 * Run a program to its end without blocking this process, and give its exit code and its stdout and stderr
 * together (what a message quotes). A program that cannot start at all is an EnvironmentError naming `what`.
 */
export function runProcess(
  cmd: string,
  args: readonly string[],
  opts: { readonly cwd: string; readonly what: string; readonly shell?: boolean; readonly env?: NodeJS.ProcessEnv },
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...args], { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], shell: opts.shell ?? false, env: opts.env ?? process.env });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', (e) => reject(new EnvironmentError(`Cannot run ${opts.what}: ${e.message}`, { cause: e })));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
