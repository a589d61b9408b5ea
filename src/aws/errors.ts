import { EnvironmentError } from '../errors.js';
import { findAwsProfile } from '../io/aws-profiles.js';

/** Where the credentials were meant to come from, to say which profile failed; the limits, to say which one was hit. */
export interface AwsErrorContext {
  /** The profile in effect and who chose it (`--profile`, `AWS_PROFILE`). @default - none (the default chain) */
  readonly profile?: { readonly name: string; readonly source: string };
  /** The limits in effect (see client.ts). @default - the message names the variable without the value */
  readonly timeouts?: { readonly connectMs: number; readonly requestMs: number; readonly deadlineMs: number };
}

/** The variables that set the limits, in seconds (read in client.ts); messages name them so a user knows what to change. */
export const AWS_TIMEOUT_ENV = {
  connectMs: 'CATALYST_GEN_AWS_CONNECT_TIMEOUT',
  requestMs: 'CATALYST_GEN_AWS_TIMEOUT',
  deadlineMs: 'CATALYST_GEN_AWS_DEADLINE',
} as const;

/** An operation that went past its deadline (retries included): raised by the call wrapper, not by the SDK. */
export class AwsDeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`no result within ${ms} ms`);
    this.name = 'AwsDeadlineError';
  }
}

/** The profile the SDK will use, and who chose it: the command's flag wins over AWS_PROFILE. */
export function profileInEffect(flag: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): AwsErrorContext {
  if (flag) return { profile: { name: flag, source: '--profile' } };
  const fromEnv = env['AWS_PROFILE'];
  return fromEnv ? { profile: { name: fromEnv, source: 'AWS_PROFILE' } } : {};
}

/** What was being done, for the message: e.g. `codeartifact:GetAuthorizationToken on domain my-domain`. */
export type AwsOperation = string;

const CREDENTIALS = new Set(['CredentialsProviderError', 'ProviderError', 'TokenProviderError']);
const BAD_CREDENTIALS = new Set(['UnrecognizedClientException', 'InvalidSignatureException', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'IncompleteSignature']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const THROTTLED = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown', 'AccountLimitExceededException']);
const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'NotAuthorized']);
const NOT_FOUND = new Set(['ResourceNotFoundException', 'NotFoundException', 'NoSuchEntity']);
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'EHOSTUNREACH', 'TimeoutError']);

/**
 * Turn whatever the AWS SDK threw into one clear line with exit code 3: missing or rejected credentials,
 * throttling (after the SDK's own retries), access denied, not found, unreachable endpoint. The SDK's
 * message is kept (it names the missing permission or resource); stack traces and XML are not.
 */
export function mapAwsError(e: unknown, op: AwsOperation, ctx: AwsErrorContext = {}): EnvironmentError {
  if (e instanceof EnvironmentError) return e;
  const err = (e ?? {}) as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number; attempts?: number } };
  const name = err.name ?? '';
  const status = err.$metadata?.httpStatusCode;
  const detail = oneLine(err.message ?? String(e));
  if (CREDENTIALS.has(name) || /could not load credentials|credential is missing|no credentials/i.test(detail)) {
    const named = /profile:? \[?([^\]\s]+)\]? could not be found|profile: \[([^\]]+)\]/i.exec(detail);
    const profile = ctx.profile ?? (named ? { name: (named[1] ?? named[2])!, source: 'the profile' } : undefined);
    if (profile) {
      const where = findAwsProfile(profile.name);
      if (!where.found) {
        return new EnvironmentError(
          `The AWS profile "${profile.name}" (${profile.source}) was not found in ${where.files.join(' or ')} (${op}): check the name ("aws configure list-profiles"), or unset it to use the default credentials.`,
          { cause: e },
        );
      }
      return new EnvironmentError(
        `The AWS profile "${profile.name}" (${profile.source}) gave no credentials for ${op}: for an SSO profile run "aws sso login --profile ${profile.name}"; otherwise check its settings.`,
        { cause: e },
      );
    }
    return new EnvironmentError(`No AWS credentials for ${op}: set AWS_PROFILE (and run "aws sso login" for an SSO profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where a role is available.`);
  }
  if (/region is missing/i.test(detail)) {
    return new EnvironmentError(`No AWS region for ${op}: pass --region, or set AWS_REGION or a region in your profile.`);
  }
  if (EXPIRED.has(name)) return new EnvironmentError(`The AWS credentials have expired (${op}): refresh them (e.g. "aws sso login") and try again.`);
  if (BAD_CREDENTIALS.has(name)) return new EnvironmentError(`AWS rejected the credentials for ${op} (${name}): ${detail}`);
  if (THROTTLED.has(name) || status === 429) {
    const attempts = err.$metadata?.attempts;
    return new EnvironmentError(`AWS is throttling ${op}${attempts ? ` (gave up after ${attempts} attempts)` : ''}: wait a minute and try again.`);
  }
  if (DENIED.has(name) || status === 403) return new EnvironmentError(`Access denied for ${op}: ${detail}`);
  if (NOT_FOUND.has(name) || status === 404) return new EnvironmentError(`Not found: ${op}: ${detail}`);
  const timedOut = timeoutMessage(e, op, ctx);
  if (timedOut) return new EnvironmentError(timedOut);
  if (NETWORK.has(err.code ?? '') || NETWORK.has(name)) {
    return new EnvironmentError(`Cannot reach the AWS endpoint for ${op} (${err.code ?? name}): check the network, the region and any AWS_ENDPOINT_URL setting.`);
  }
  return new EnvironmentError(`AWS error for ${op}${name && name !== 'Error' ? ` (${name})` : ''}: ${detail}`);
}

/**
 * One line for a call that ran out of time, naming the limit that ended it and the variable that sets it:
 * the deadline (ours), the connection (the HTTP handler's connectionTimeout, or the system's own ETIMEDOUT while
 * connecting), or an attempt (the handler's request or socket timeout; the SDK retried it first).
 */
function timeoutMessage(e: unknown, op: AwsOperation, ctx: AwsErrorContext): string | undefined {
  const err = e as { name?: string; code?: string; syscall?: string; message?: string; $metadata?: { attempts?: number } };
  const limit = (ms: number | undefined) => (ms !== undefined ? ` within ${formatSeconds(ms)}` : '');
  if (e instanceof AwsDeadlineError || err?.name === 'AwsDeadlineError') {
    return `${op} timed out: no result${limit(ctx.timeouts?.deadlineMs)}, retries included. Set ${AWS_TIMEOUT_ENV.deadlineMs} (seconds) to allow longer.`;
  }
  if (err?.name !== 'TimeoutError' && err?.code !== 'ETIMEDOUT') return undefined;
  const text = err.message ?? '';
  if (/establish(ing)? a connection/i.test(text) || err.syscall === 'connect') {
    return `${op} timed out: no connection to the AWS endpoint${limit(ctx.timeouts?.connectMs)}: check the network, the region and any AWS_ENDPOINT_URL setting; ${AWS_TIMEOUT_ENV.connectMs} (seconds) sets the limit.`;
  }
  const attempts = err.$metadata?.attempts;
  return `${op} timed out: AWS did not answer${limit(ctx.timeouts?.requestMs)}${attempts && attempts > 1 ? ` (${attempts} attempts)` : ''}. Set ${AWS_TIMEOUT_ENV.requestMs} (seconds) to wait longer.`;
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

function oneLine(s: string): string {
  const line = s.split(/\r?\n/).find((l) => l.trim() !== '') ?? s;
  return line.length > 300 ? line.slice(0, 297) + '...' : line.trim();
}
