import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { sandboxEnv } from '../codeartifact/env.js';

export interface LoopbackRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The awsJson target without its service prefix (`StartBuild`), or ''. */
  readonly target: string;
}

/** What a handler does with a request: answer now, answer after `delayMs`, or never (the socket stays open). */
export type LoopbackReply = { readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string>; readonly delayMs?: number } | 'never';

/**
 * A loopback HTTP server (127.0.0.1, a free port) for AWS faults: it can hold a request open without answering,
 * or answer late. `close()` ends every open socket and pending answer, so a test never waits for one.
 */
export async function startLoopback(handler: (req: LoopbackRequest) => LoopbackReply) {
  const requests: LoopbackRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: LoopbackRequest = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        target: String(req.headers['x-amz-target'] ?? '').replace(/^[^.]*\./, ''),
      };
      requests.push(rec);
      const reply = handler(rec);
      if (reply === 'never') return;
      const send = () => {
        if (res.destroyed) return;
        const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
        res.end(body);
      };
      if (reply.delayMs) {
        const t = setTimeout(() => (timers.delete(t), send()), reply.delayMs);
        timers.add(t);
      } else send();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * The set-up of a test file that runs AWS commands against a loopback server: a sandbox HOME and credentials
 * (`sandboxEnv`) and the server, made before the file's tests and put away after them. Read `home` and `server`
 * inside tests and hooks (they exist from the first `beforeAll` on).
 */
export function useSandboxedLoopback(handler: (req: LoopbackRequest) => LoopbackReply) {
  let env: ReturnType<typeof sandboxEnv> | undefined;
  let server: Awaited<ReturnType<typeof startLoopback>> | undefined;
  beforeAll(async () => {
    env = sandboxEnv();
    server = await startLoopback(handler);
  });
  afterAll(async () => {
    await server?.close();
    env?.restore();
  });
  return {
    get home() {
      return env!.home;
    },
    get server() {
      return server!;
    },
  };
}

/** The variables that set the AWS limits; tests set them and put back what was there. */
export const TIMEOUT_KEYS = ['CATALYST_GEN_AWS_CONNECT_TIMEOUT', 'CATALYST_GEN_AWS_TIMEOUT', 'CATALYST_GEN_AWS_DEADLINE'] as const;

export function setEnv(values: Readonly<Record<string, string | undefined>>): () => void {
  const saved = Object.keys(values).map((k) => [k, process.env[k]] as const);
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
