import { spawnSync } from 'node:child_process';

/** Whether the real shellcheck is on PATH (CI installs it; see .ci/run). */
export const hasShellcheck = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' }).status === 0;

/** Every command of a rendered buildspec, in the order CodeBuild runs them, as one bash script. */
export function buildspecScript(wire: Record<string, unknown>): string {
  const lines = ['#!/usr/bin/env bash', 'set -e'];
  const phases = (wire['phases'] ?? {}) as Record<string, { commands?: string[]; finally?: string[] }>;
  for (const name of ['install', 'pre_build', 'build', 'post_build']) {
    const p = phases[name];
    if (!p) continue;
    lines.push(`# ${name}`, ...(p.commands ?? []), ...(p.finally ?? []));
  }
  return lines.join('\n') + '\n';
}

/** Run `shellcheck -s bash` on a script; returns its exit status and findings. */
export function shellcheck(script: string): { status: number | null; output: string } {
  const r = spawnSync('shellcheck', ['-s', 'bash', '-f', 'gcc', '-'], { input: script, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
