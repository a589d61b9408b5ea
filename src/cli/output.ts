/** Where the CLI writes, and whether it may use colour: only on a TTY, never with NO_COLOR. */
export interface Output {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly color: boolean;
  readonly stdinIsTty: boolean;
}

export function processOutput(): Output {
  const noColor = process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '';
  // As in the supports-color convention: FORCE_COLOR set (even empty) forces colour, except "0" and "false".
  const fc = process.env['FORCE_COLOR'];
  const force = fc !== undefined && fc !== '0' && fc !== 'false';
  return {
    out: (t) => void process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => void process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    color: !noColor && (force || Boolean(process.stdout.isTTY)),
    stdinIsTty: Boolean(process.stdin.isTTY),
  };
}

export function paint(o: Output, code: 'red' | 'green' | 'yellow' | 'cyan' | 'dim' | 'bold', s: string): string {
  if (!o.color) return s;
  const c = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 }[code];
  return `\u001b[${c}m${s}\u001b[0m`;
}

/** Fixed-width table for `list` and `show`; the last column wraps nothing and may run long. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}
