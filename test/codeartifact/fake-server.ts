import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export type Reply = { status: number; headers?: Record<string, string>; body?: unknown };

/** A loopback HTTP server (127.0.0.1, a free port) that records requests and answers from a handler. */
export async function startFakeAws(handler: (req: Recorded) => Reply): Promise<{ url: string; requests: Recorded[]; close: () => Promise<void>; server: Server }> {
  const requests: Recorded[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: Recorded = { method: req.method ?? '', url: new URL(req.url ?? '/', 'http://127.0.0.1'), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(rec);
      const r = handler(rec);
      const body = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
      res.writeHead(r.status, { 'content-type': 'application/json', ...(r.headers ?? {}) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A REST-JSON service error as CodeArtifact sends it. */
export function restError(status: number, type: string, message: string): Reply {
  return { status, headers: { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.codeartifact/` }, body: { message } };
}
