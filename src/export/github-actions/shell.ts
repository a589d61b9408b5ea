/**
 * How a build or test action's steps run: one after another in ONE shell (a variable one step sets is there in
 * the next, and an output variable is read from that shell when the last step ends), and the action fails at
 * the first step that exits non-zero. bash's `-e` is not the same thing (it stops inside a step at a failing
 * command a step such as `a; b` or `grep x || true` means to survive), so the script runs without `-e` or
 * `pipefail` and checks each step's status instead.
 */
export const STEP_SHELL = 'bash --noprofile --norc {0}';

export function stepsScript(steps: readonly string[]): string {
  const lines = ['# The CodeCatalyst steps, in one shell; the first that fails ends the job with its status.'];
  for (const step of steps) lines.push(guardStep(step));
  return lines.join('\n') + '\n';
}

/** A step followed by a check of its status: `cmd || exit $?`, or the step in braces when a suffix could not follow it. */
function guardStep(step: string): string {
  const s = step.replace(/\s+$/, '');
  const simple = !s.includes('\n') && !s.includes('#') && !s.includes('<<') && !/[&\\]$/.test(s) && !/^\s*(function\s|[A-Za-z_][A-Za-z0-9_]*\s*\(\s*\))/.test(s);
  return simple ? `${s} || exit $?` : `{\n${s}\n} || exit $?`;
}

/** A value as one single-quoted shell word. */
export function shq(value: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A line appending one output to `$GITHUB_OUTPUT` from a shell variable (or, for a name bash cannot use, the environment). */
export function outputLine(name: string, from: string = name): string {
  const value = /^[A-Za-z_][A-Za-z0-9_]*$/.test(from) ? `\${${from}}` : `$(printenv ${shq(from)})`;
  return `echo "${name}=${value}" >> "$GITHUB_OUTPUT"`;
}
