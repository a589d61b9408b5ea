import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { startPreviewServer } from '../../ui/server.js';
import { PreviewSession } from '../../ui/session.js';
import type { CatalogueContext } from '../catalogue.js';
import { onStopSignals, SIGNAL_EXIT_CODE, type StopSignal } from '../follow.js';
import type { Output } from '../output.js';

export interface UiFlags {
  readonly port?: string;
  /** `--no-open` sets this to false. */
  readonly open: boolean;
}

/**
 * `ui [dir]`: the preview page for the folder. The URL (with this run's token) is the first line on stdout, so
 * a script or a test can read it; the browser is opened when there is a display. Runs until the page says done
 * (exit 0), or Ctrl-C or SIGTERM (130 or 143, as every command the signals stop).
 */
export async function runUi(dir: string, flags: UiFlags, o: Output, deps: { readonly ctx?: CatalogueContext } = {}): Promise<number> {
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${flags.port}: give a port from 1 to 65535, or 0 for a free one.`);
  const abs = resolve(dir);
  if (existsSync(abs) && !statSync(abs).isDirectory()) throw new UsageError(`${dir} is a file: "ui" works in a folder (made if missing).`);
  mkdirSync(abs, { recursive: true });
  const root = realpathSync(abs);
  const ctx = deps.ctx ?? { cwd: root, env: process.env, log: (l: string) => o.err(l) };
  const server = await startPreviewServer(new PreviewSession(root, ctx), { port });
  o.out(server.url);
  o.err(`Previewing blueprints for ${root}. Stop with Ctrl-C, or "Done" on the page.`);
  if (flags.open) openBrowser(server.url);
  let stoppedBy: StopSignal | undefined;
  const restore = onStopSignals((signal) => {
    stoppedBy = signal;
    void server.close();
  });
  try {
    await server.closed;
  } finally {
    restore();
  }
  o.err('Stopped.');
  return stoppedBy ? SIGNAL_EXIT_CODE[stoppedBy] : 0;
}

/** The system's opener, when there is a desktop to open on; nothing happens (the URL is printed) when it fails. */
function openBrowser(url: string): void {
  const platform = process.platform;
  if (platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) return;
  const [cmd, args] = platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No opener: the printed URL is the way in.
  }
}
