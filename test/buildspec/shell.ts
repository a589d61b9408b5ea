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
