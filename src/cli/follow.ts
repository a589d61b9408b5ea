import { setTimeout as delay } from 'node:timers/promises';

/** What commands that follow something remote (a build, a workflow run, a Dev Environment) need; tests hand in their own. */
export interface FollowDeps {
  /** Wait `ms`, or until `signal` aborts. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Whether stdout is a terminal (progress is shown only there). @default process.stdout.isTTY */
  readonly tty?: boolean;
  /**
   * Call `handler` on each signal until the returned function is called; a handler given no signal takes it as
   * Ctrl-C. @default SIGINT on this process (`codebuild run`: SIGINT and SIGTERM, see onStopSignals)
   */
  readonly onInterrupt?: (handler: (signal?: StopSignal) => void) => () => void;
}

/** The signals that end a follow: Ctrl-C, and SIGTERM (how CI cancels a job). */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** The exit code after a signal, as a shell reports a process the signal ended: 128 + its number. */
export const SIGNAL_EXIT_CODE: Readonly<Record<StopSignal, number>> = { SIGINT: 130, SIGTERM: 143 };

/** SIGINT and SIGTERM as signal handlers, removed (and the defaults restored) when following is over. */
export function onStopSignals(handler: (signal: StopSignal) => void): () => void {
  const int = () => handler('SIGINT');
  const term = () => handler('SIGTERM');
  process.on('SIGINT', int);
  process.on('SIGTERM', term);
  return () => {
    process.off('SIGINT', int);
    process.off('SIGTERM', term);
  };
}

/**
 * The signals received while following something that costs money while it runs: the first asks to stop it
 * (`stop` aborts: the wait and the call in flight end at once), a second asks to leave at once (`leave` aborts,
 * even a stop request still in flight). The exit code is the last signal's.
 */
export class FollowSignals {
  private readonly stopController = new AbortController();
  private readonly leaveController = new AbortController();
  private count = 0;
  /** The last signal received. */
  last: StopSignal | undefined;

  receive(signal: StopSignal): void {
    this.count++;
    this.last = signal;
    const reason = Object.assign(new Error(`stopped by ${signal}`), { name: 'AbortError' });
    if (this.count === 1) this.stopController.abort(reason);
    else this.leaveController.abort(reason);
  }

  /** Aborts at the first signal. */
  get stop(): AbortSignal {
    return this.stopController.signal;
  }

  /** Aborts at the second signal. */
  get leave(): AbortSignal {
    return this.leaveController.signal;
  }

  get stopping(): boolean {
    return this.count > 0;
  }

  get leaving(): boolean {
    return this.count > 1;
  }

  get exitCode(): number {
    return SIGNAL_EXIT_CODE[this.last ?? 'SIGINT'];
  }
}

/** A signal that aborts when `signal` does or after `ms`, whichever comes first; `dispose` clears the timer. */
export function abortAfter(signal: AbortSignal, ms: number): { readonly signal: AbortSignal; readonly timedOut: () => boolean; readonly dispose: () => void } {
  const controller = new AbortController();
  let expired = false;
  const onAbort = () => controller.abort(signal.reason);
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(Object.assign(new Error(`no end within ${ms} ms`), { name: 'AbortError' }));
  }, ms);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => expired,
    dispose: () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    },
  };
}

/** A timer that an abort clears (so a stopped wait keeps no timer, and the process can exit at once). */
export async function wait(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch (e) {
    if ((e as Error).name !== 'AbortError') throw e;
  }
}

/** Ctrl-C as a signal handler, removed (and the default restored) when following is over. */
export function onSigint(handler: () => void): () => void {
  process.on('SIGINT', handler);
  return () => void process.off('SIGINT', handler);
}

/** `--poll-seconds`: 1 to 300, default 5. */
export function pollSecondsOf(text: string | undefined): number | undefined {
  const n = text !== undefined ? Number(text) : 5;
  return n >= 1 && n <= 300 ? n : undefined;
}

export const INTERRUPTED = Symbol('interrupted');

export interface Poll<S> {
  readonly status: (state: S) => string;
  readonly done: (state: S) => boolean;
  readonly pollSeconds: number;
  /** Called with each status as it first appears. */
  readonly show: (status: string) => void;
}

/**
 * Reads the state every `pollSeconds` until `done` holds, showing each new status once. Ctrl-C ends the wait at
 * once and gives INTERRUPTED (what is followed goes on remotely; the caller says so).
 */
export async function pollUntil<S>(first: S, read: () => Promise<S>, poll: Poll<S>, deps: FollowDeps): Promise<S | typeof INTERRUPTED> {
  let interrupted = false;
  let waiting: AbortController | undefined;
  const unsubscribe = (deps.onInterrupt ?? onSigint)(() => {
    interrupted = true;
    waiting?.abort();
  });
  try {
    let state = first;
    let shown = '';
    while (!poll.done(state)) {
      const status = poll.status(state);
      if (status !== shown) poll.show((shown = status));
      waiting = new AbortController();
      await (deps.sleep ?? wait)(poll.pollSeconds * 1000, waiting.signal);
      waiting = undefined;
      if (interrupted) return INTERRUPTED;
      state = await read();
    }
    return state;
  } finally {
    unsubscribe();
  }
}
