import { spawnSync } from 'node:child_process';

/** Whether the real shellcheck is on PATH (CI installs it; see .ci/run). */
export const hasShellcheck = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' }).status === 0;

/** Run `shellcheck -s bash` on a script; returns its exit status and findings. */
export function shellcheck(script: string): { status: number | null; output: string } {
  const r = spawnSync('shellcheck', ['-s', 'bash', '-f', 'gcc', '-'], { input: script, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
