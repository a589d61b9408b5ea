import { setTimeout as delay } from 'node:timers/promises';

/** What commands that follow something remote (a build, a workflow run, a Dev Environment) need; tests hand in their own. */
export interface FollowDeps {
  /** Wait `ms`, or until `signal` aborts. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Whether stdout is a terminal (progress is shown only there). @default process.stdout.isTTY */
  readonly tty?: boolean;
  /** Call `handler` on Ctrl-C until the returned function is called. @default SIGINT on this process */
  readonly onInterrupt?: (handler: () => void) => () => void;
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
