import { ApiError } from '../../../../lib/api-error.js';
import { reconnectDelay, type BackoffOptions } from './reconnect-delay.js';
import { createSseParser, type SseEvent } from './sse-parser.js';

/** `connecting` until the first answer; `reconnecting` after a drop until the next; `stopped` for good. */
export type TLiveStatus = 'connecting' | 'connected' | 'reconnecting' | 'stopped';

export interface LiveStreamOptions {
  /** Opens the stream (fetch with the access token); rejects with `ApiError` for HTTP failures. */
  open: (signal: AbortSignal) => Promise<Response>;
  onEvent: (event: SseEvent) => void;
  onStatus: (status: TLiveStatus) => void;
  /** Each established connection; `isReconnect` after a drop, when events may have been missed meanwhile. */
  onOpen?: (isReconnect: boolean) => void;
  /** Why the stream stopped for good (a 4xx: signed out, no longer an admin). */
  onStop?: (error: unknown) => void;
  backoff?: BackoffOptions;
  /** A connection silent this long is presumed dead (the API sends a keep-alive comment every 15 s). */
  idleTimeoutMs?: number;
  random?: () => number;
}

export interface LiveStream {
  /** Ends the stream for good (page left, signed out); no callback runs afterwards. */
  close: () => void;
  /** Skips the current wait and reconnects at once (the browser came back online). */
  retryNow: () => void;
}

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 60_000 };
const DEFAULT_IDLE_MS = 45_000;

/** 4xx answers other than 408/429 would fail the same way again: stop instead of retrying. */
function isPermanent(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && ![408, 429].includes(error.status);
}

function isEventStream(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').includes('text/event-stream') && response.body !== null;
}

/**
 * Keeps a Server-Sent Events stream open over fetch: parses events as they arrive, reconnects with backoff when the
 * stream ends, fails or goes silent, and stops on answers that retrying cannot fix.
 */
export function connectLiveStream(options: LiveStreamOptions): LiveStream {
  const closed = new AbortController();
  const backoff = { ...(options.backoff ?? DEFAULT_BACKOFF) };
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_MS;
  let status: TLiveStatus = 'connecting';
  let hasConnected = false;
  let wake: (() => void) | null = null;

  function setStatus(next: TLiveStatus) {
    if (closed.signal.aborted || next === status) return;
    status = next;
    options.onStatus(next);
  }

  /** One connection, from opening to its end: whether it got through, and the error retrying cannot fix, if any. */
  async function connectOnce(): Promise<{ isEstablished: boolean; permanent?: unknown }> {
    const connection = new AbortController();
    const abort = () => connection.abort();
    closed.signal.addEventListener('abort', abort);
    let idle: ReturnType<typeof setTimeout> | undefined;
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(abort, idleMs);
    };
    try {
      touch();
      const response = await options.open(connection.signal);
      if (!isEventStream(response)) {
        await response.body?.cancel();
        return { isEstablished: false };
      }
      const isReconnect = hasConnected;
      hasConnected = true;
      setStatus('connected');
      options.onOpen?.(isReconnect);
      const parser = createSseParser({
        onEvent: (event) => {
          if (!closed.signal.aborted) options.onEvent(event);
        },
        onRetry: (ms) => (backoff.baseMs = Math.min(Math.max(ms, 250), backoff.maxMs)),
      });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return { isEstablished: true };
        touch();
        parser.push(decoder.decode(value, { stream: true }));
      }
    } catch (error) {
      return isPermanent(error)
        ? { isEstablished: false, permanent: error }
        : { isEstablished: status === 'connected' };
    } finally {
      clearTimeout(idle);
      closed.signal.removeEventListener('abort', abort);
      connection.abort(); // releases the body if the loop left early
    }
  }

  function wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        closed.signal.removeEventListener('abort', done);
        wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      closed.signal.addEventListener('abort', done);
      wake = done;
    });
  }

  async function run() {
    let attempt = 0;
    while (!closed.signal.aborted) {
      const outcome = await connectOnce();
      if (closed.signal.aborted) return;
      if ('permanent' in outcome) {
        setStatus('stopped');
        options.onStop?.(outcome.permanent);
        return;
      }
      // A connection that got through starts the backoff over; each failure to get through doubles the wait.
      attempt = outcome.isEstablished ? 0 : attempt + 1;
      setStatus(hasConnected ? 'reconnecting' : 'connecting');
      await wait(reconnectDelay(attempt, backoff, options.random));
    }
  }

  void run();
  return {
    close: () => closed.abort(),
    retryNow: () => wake?.(),
  };
}
