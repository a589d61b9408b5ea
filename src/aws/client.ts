import type { NodeHttpHandlerOptions } from '@smithy/node-http-handler';
import { UsageError } from '../errors.js';
import { AWS_TIMEOUT_ENV, AwsDeadlineError, mapAwsError, profileInEffect, type AwsOperation } from './errors.js';

export { AWS_TIMEOUT_ENV };

/**
 * How long an AWS call may take. The SDK has no limit of its own: an endpoint that accepts the connection and
 * never answers kept a command (and the CI job running it) waiting forever. Each limit has a variable, in seconds.
 */
export interface AwsTimeouts {
  /** Opening the connection (TCP and TLS). @default 10 s (`CATALYST_GEN_AWS_CONNECT_TIMEOUT`) */
  readonly connectMs: number;
  /** One attempt: from sending the request to its answer, and any pause while the answer streams in. @default 60 s (`CATALYST_GEN_AWS_TIMEOUT`) */
  readonly requestMs: number;
  /**
   * One operation as a whole: credentials, every attempt and the SDK's pauses between retries. A follow loop
   * (`codebuild run`, `codecatalyst run --follow`) makes many operations and may run for hours; each is bounded,
   * the loop is not. @default 180 s (`CATALYST_GEN_AWS_DEADLINE`)
   */
  readonly deadlineMs: number;
}

/**
 * The defaults suit CI: a healthy AWS endpoint connects in well under a second and answers these calls in a few;
 * 60 s per attempt with the SDK's 3 attempts is generous, and 3 minutes per operation ends a job that would
 * otherwise wait for its own timeout (often an hour).
 */
export const DEFAULT_AWS_TIMEOUTS: AwsTimeouts = { connectMs: 10_000, requestMs: 60_000, deadlineMs: 180_000 };

/** The limits the environment sets; a value that is not a positive number of seconds (at most a day) is a usage error. */
export function awsTimeoutsFrom(env: Readonly<Record<string, string | undefined>>): AwsTimeouts {
  const read = (key: keyof AwsTimeouts): number => {
    const name = AWS_TIMEOUT_ENV[key];
    const text = env[name]?.trim();
    if (text === undefined || text === '') return DEFAULT_AWS_TIMEOUTS[key];
    const seconds = Number(text);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) {
      throw new UsageError(`${name} must be a number of seconds greater than 0 and at most 86400 (it is ${JSON.stringify(env[name])}).`);
    }
    return Math.max(1, Math.round(seconds * 1000));
  };
  return { connectMs: read('connectMs'), requestMs: read('requestMs'), deadlineMs: read('deadlineMs') };
}

/** Standard SDK settings: the default credential chain, and `AWS_ENDPOINT_URL[_<SERVICE>]` read by the SDK itself. */
export interface AwsClientSettings {
  /** @default - the SDK's chain (AWS_REGION, the profile) */
  readonly region?: string;
  /** @default - AWS_PROFILE, else `default` */
  readonly profile?: string;
  /** @default 3 (the SDK's standard retry mode) */
  readonly maxAttempts?: number;
  /** @default - from the environment (`awsTimeoutsFrom(process.env)`) */
  readonly timeouts?: AwsTimeouts;
}

export interface SdkClientConfig {
  region?: string;
  profile?: string;
  maxAttempts?: number;
  requestHandler: NodeHttpHandlerOptions;
}

export function timeoutsOf(settings: AwsClientSettings): AwsTimeouts {
  return settings.timeouts ?? awsTimeoutsFrom(process.env);
}

/**
 * The SDK client configuration for these settings: what was given, the timeouts, the SDK's defaults for the rest.
 *
 * The timeouts go to the SDK as NodeHttpHandler options rather than as a handler instance: each client then builds
 * the NodeHttpHandler of its own @smithy version (CodeCatalyst's client is a major version behind the others), and
 * the bundled CLI does not carry a second copy of the HTTP stack. `throwOnRequestTimeout` makes the request
 * timeout an error (without it the handler only logs a warning); `socketTimeout` bounds a stalled answer body.
 */
export function sdkClientConfig(settings: AwsClientSettings): SdkClientConfig {
  const t = timeoutsOf(settings);
  return {
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(settings.maxAttempts ? { maxAttempts: settings.maxAttempts } : {}),
    requestHandler: { connectionTimeout: t.connectMs, requestTimeout: t.requestMs, throwOnRequestTimeout: true, socketTimeout: t.requestMs },
  };
}

/**
 * Runs one SDK operation: `fn` gets the signal to pass to `client.send(command, { abortSignal })`. Whatever it
 * throws becomes one clear error naming the operation and the profile in effect. The operation ends at its
 * deadline even if something below does not listen to the signal (a credential provider waiting on a network).
 *
 * `cancel` is the caller's own way out (a second Ctrl-C): when it aborts, the call ends at once and rejects with
 * its reason, unmapped, so the caller can tell "I stopped it" from a failure.
 */
export type AwsCall = <T>(op: AwsOperation, fn: (abortSignal: AbortSignal) => Promise<T>, cancel?: AbortSignal) => Promise<T>;

export function awsCaller(settings: AwsClientSettings): AwsCall {
  const ctx = profileInEffect(settings.profile);
  const timeouts = timeoutsOf(settings);
  return async (op, fn, cancel) => {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let onCancel: (() => void) | undefined;
    const stopped = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const e = new AwsDeadlineError(timeouts.deadlineMs);
        controller.abort(e);
        reject(e);
      }, timeouts.deadlineMs);
      if (cancel) {
        onCancel = () => {
          controller.abort(cancel.reason);
          reject(cancel.reason ?? Object.assign(new Error('cancelled'), { name: 'AbortError' }));
        };
        if (cancel.aborted) onCancel();
        else cancel.addEventListener('abort', onCancel, { once: true });
      }
    });
    try {
      return await Promise.race([fn(controller.signal), stopped]);
    } catch (e) {
      if (cancel?.aborted) throw cancel.reason ?? e;
      throw mapAwsError(e, op, { ...ctx, timeouts });
    } finally {
      clearTimeout(timer);
      if (onCancel) cancel?.removeEventListener('abort', onCancel);
    }
  };
}
