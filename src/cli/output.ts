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
  const out = writerIgnoringClosedPipe(process.stdout);
  const err = writerIgnoringClosedPipe(process.stderr);
  return {
    out: (t) => out(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => err(t.endsWith('\n') ? t : t + '\n'),
    color: !noColor && (force || Boolean(process.stdout.isTTY)),
    stdinIsTty: Boolean(process.stdin.isTTY),
  };
}

/**
 * A reader that goes away early (`catalyst-gen validate . | head -1`) closes the pipe: the next write fails
 * with EPIPE. That is not an error of the command: the stream stops taking output, the rest is dropped, and
 * the process ends quietly with the exit code it would have had. Any other stream error is still thrown.
 */
const guarded = new WeakMap<NodeJS.WriteStream, { closed: boolean }>();
function writerIgnoringClosedPipe(stream: NodeJS.WriteStream): (text: string) => void {
  let state = guarded.get(stream);
  if (!state) {
    const s = { closed: false };
    state = s;
    guarded.set(stream, s);
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      s.closed = true;
    });
  }
  const s = state;
  return (text) => {
    if (s.closed || stream.destroyed) return;
    stream.write(text);
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
