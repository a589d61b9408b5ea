import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the preview server. It listens on loopback only, yet any page the user has open can send
 * requests to 127.0.0.1, and a DNS name rebound to 127.0.0.1 makes them same-origin to that page. So:
 * - `Host` must be the loopback address or `localhost` with our port (a rebound name carries its own name);
 * - `Origin`, when a browser sends one, must be ours (a cross-site `fetch` or form post);
 * - `Sec-Fetch-Site`, when sent, must not be `cross-site`;
 * - every request carries the per-run token (query `token` for the page and its files, header for the API);
 * - a POST must be JSON: a cross-site HTML form cannot send that type without a preflight, which is never answered.
 */
export function refusal(req: IncomingMessage, port: number, token: string): { status: number; reason: string } | undefined {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts.includes(host)) return { status: 421, reason: `requests must be addressed to 127.0.0.1:${port}` };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.some((h) => origin.toLowerCase() === `http://${h}`)) return { status: 403, reason: 'cross-origin requests are refused' };
  if (req.headers['sec-fetch-site'] === 'cross-site') return { status: 403, reason: 'cross-site requests are refused' };
  const given = tokenOf(req);
  if (given === undefined || !sameSecret(given, token)) return { status: 401, reason: 'the access token is missing or wrong: open the URL catalyst-gen ui printed' };
  if (req.method === 'POST' && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return { status: 415, reason: 'POST bodies must be application/json' };
  return undefined;
}

function tokenOf(req: IncomingMessage): string | undefined {
  const header = req.headers['x-catalyst-gen-token'];
  if (typeof header === 'string') return header;
  return new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('token') ?? undefined;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
