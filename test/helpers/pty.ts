import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/**
 * A program run in a real pseudo-terminal (Python's pty module, which every machine here has), driven as a user
 * would: wait for a question to appear on the screen, type keys. The program sees a TTY on stdin and stdout.
 */
const PTY_PROXY = `
import fcntl, os, pty, select, struct, sys, termios
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 50, 200, 0, 0))
stdin_open = True
while True:
    r, _, _ = select.select([fd] + ([0] if stdin_open else []), [], [])
    if fd in r:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        os.write(1, data)
    if 0 in r:
        data = os.read(0, 65536)
        if not data:
            stdin_open = False
        else:
            os.write(fd, data)
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
`;

export const KEY = { enter: '\r', down: '\u001b[B', up: '\u001b[A', space: ' ', ctrlC: '\u0003', ctrlU: '\u0015', backspace: '\u007f' } as const;

export class PtySession {
  private screen = '';
  private seen = 0;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly done: Promise<number>;

  constructor(argv: readonly string[], opts: { cwd: string; env: NodeJS.ProcessEnv }) {
    this.child = spawn('python3', ['-c', PTY_PROXY, ...argv], { cwd: opts.cwd, env: { ...opts.env, TERM: 'xterm-256color' } });
    this.child.stdout.on('data', (c: Buffer) => (this.screen += c.toString()));
    this.child.stderr.on('data', (c: Buffer) => (this.screen += c.toString()));
    this.done = new Promise((resolve) => this.child.on('close', (code) => resolve(code ?? -1)));
  }

  /** Everything shown so far, without terminal escape sequences. */
  get text(): string {
    return stripAnsi(this.screen);
  }

  /** Wait until `what` appears in output not yet consumed by an earlier wait; the output after it is next. */
  async waitFor(what: string | RegExp, timeoutMs = 20_000): Promise<void> {
    const start = Date.now();
    for (;;) {
      const rest = this.text.slice(this.seen);
      const m = typeof what === 'string' ? (rest.includes(what) ? { index: rest.indexOf(what), length: what.length } : undefined) : (() => {
        const r = what.exec(rest);
        return r ? { index: r.index, length: r[0].length } : undefined;
      })();
      if (m) {
        this.seen += m.index + m.length;
        return;
      }
      if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${String(what)}. Screen:\n${this.text.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Type keys (after a short pause, so the prompt has drawn and is listening). */
  async type(...keys: string[]): Promise<void> {
    for (const k of keys) {
      await new Promise((r) => setTimeout(r, 60));
      this.child.stdin.write(k);
    }
  }

  /** The exit code, once the program ends. */
  async exit(): Promise<number> {
    return this.done;
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

export function stripAnsi(s: string): string {
  // CSI sequences, OSC sequences, and the other two-character escapes.
  return s.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[@-Z\\-_]/g, '').replace(/\r/g, '');
}
