import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CatalystError, ConflictError, EnvironmentError, UsageError, ValidationError } from '../errors.js';
import { assetRoot } from '../io/package-root.js';
import { describeThrown } from '../io/thrown.js';
import { refusal } from './request-guard.js';
import type { PreviewRequest } from './page-api.js';
import type { PreviewSession } from './session.js';

export interface PreviewServer {
  /** `http://127.0.0.1:<port>/?token=<token>`: what `ui` prints and opens. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Resolves when the server has stopped: the page said done, or `close` was called. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

/**
 * The page's files, bundled from web/ at build time into dist/ui, beside the compiled code's templates/ (run from
 * the sources, as the tests do, the build's copy is used).
 */
function pageFile(name: 'index.html' | 'app.js' | 'app.css'): Buffer {
  const root = assetRoot();
  return readFileSync(join(root, existsSync(join(root, 'ui')) ? 'ui' : 'dist/ui', name));
}

const TYPES = { 'index.html': 'text/html; charset=utf-8', 'app.js': 'text/javascript; charset=utf-8', 'app.css': 'text/css; charset=utf-8' } as const;

/** Start the preview server on loopback (port 0: a free one), with a new token. */
export async function startPreviewServer(session: PreviewSession, opts: { readonly port?: number } = {}): Promise<PreviewServer> {
  const token = randomBytes(24).toString('base64url');
  let port = 0;
  let server: Server;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  const close = () =>
    new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    });
  server = createServer((req, res) => {
    handle(req, res).catch((e) => send(res, 500, { error: `Internal error: ${describeThrown(e)}` }));
  });
  server.on('close', () => resolveClosed());

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refused = refusal(req, port, token);
    if (refused) return send(res, refused.status, { error: `Refused: ${refused.reason}.` });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const route = `${req.method} ${url.pathname}`;
    try {
      switch (route) {
        case 'GET /': {
          // The token goes into the page's own references; the page sends it as a header on every API call.
          const html = pageFile('index.html').toString('utf8').replaceAll('__TOKEN__', token);
          return sendRaw(res, 200, TYPES['index.html'], html);
        }
        case 'GET /app.js':
        case 'GET /app.css': {
          const name = url.pathname.slice(1) as 'app.js' | 'app.css';
          return sendRaw(res, 200, TYPES[name], pageFile(name));
        }
        case 'GET /api/catalogue':
          return send(res, 200, await session.catalogue());
        case 'GET /api/blueprint':
          return send(res, 200, await session.blueprint(url.searchParams.get('source') ?? ''));
        case 'GET /api/target':
          return send(res, 200, await session.target(url.searchParams.get('path') ?? '.'));
        case 'POST /api/preview':
          return send(res, 200, await session.preview(previewRequest(await readJson(req))));
        case 'POST /api/create': {
          const body = await readJson(req);
          return send(res, 200, await session.create({ ...previewRequest(body), yes: body['yes'] === true }));
        }
        case 'POST /api/done':
          send(res, 200, { done: true });
          res.on('finish', () => void close());
          return;
        default:
          return send(res, 404, { error: `Not found: ${route}.` });
      }
    } catch (e) {
      if (!(e instanceof CatalystError)) throw e;
      const status = e instanceof UsageError ? 400 : e instanceof ConflictError ? 409 : e instanceof ValidationError ? 422 : 500;
      return send(res, status, { error: e.message, ...('diagnostics' in e ? { diagnostics: (e as { diagnostics: unknown }).diagnostics } : {}) });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: opts.port ?? 0, host: '127.0.0.1' }, () => resolve());
  }).catch((e: NodeJS.ErrnoException) => {
    throw new EnvironmentError(e.code === 'EADDRINUSE' ? `Port ${opts.port} is in use; choose another with --port, or --port 0 for a free one.` : `Cannot listen on 127.0.0.1: ${e.message}`, { cause: e });
  });
  port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/?token=${token}`, port, token, closed, close };
}

function previewRequest(body: Record<string, unknown>): PreviewRequest {
  const source = body['source'];
  const target = body['target'];
  if (typeof source !== 'string' || typeof target !== 'string') throw new UsageError('A preview needs "source" and "target" (strings).');
  return { source, target, values: body['values'], force: body['force'] === true };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new UsageError('The request body is larger than 1 MiB.');
    chunks.push(chunk as Buffer);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new UsageError('The request body is not JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError('The request body must be a JSON object.');
  return value as Record<string, unknown>;
}

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  // The URL carries the token: never send it on as a referrer.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
};

function send(res: ServerResponse, status: number, body: unknown): void {
  sendRaw(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function sendRaw(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
