import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../lib/api-error.js';
import { connectLiveStream, type LiveStreamOptions, type TLiveStatus } from './live-stream.js';
import type { SseEvent } from './sse-parser.js';

interface FakeStream {
  response: Response;
  send: (text: string) => void;
  end: () => void;
  fail: () => void;
}

/** An event-stream Response whose body the test writes to, errored on abort as fetch does. */
function fakeStream(signal: AbortSignal): FakeStream {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  signal.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
  return {
    response: new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } }),
    send: (text) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
    fail: () => controller.error(new TypeError('network error')),
  };
}

function setup(answers: ((signal: AbortSignal) => Promise<Response>)[], overrides: Partial<LiveStreamOptions> = {}) {
  const streams: FakeStream[] = [];
  const signals: AbortSignal[] = [];
  const statuses: TLiveStatus[] = [];
  const events: SseEvent[] = [];
  const opens: boolean[] = [];
  const stops: unknown[] = [];
  const open = vi.fn(async (signal: AbortSignal) => {
    signals.push(signal);
    const answer = answers.shift();
    if (answer) return answer(signal);
    const stream = fakeStream(signal);
    streams.push(stream);
    return stream.response;
  });
  const live = connectLiveStream({
    open,
    onEvent: (event) => events.push(event),
    onStatus: (status) => statuses.push(status),
    onOpen: (isReconnect) => opens.push(isReconnect),
    onStop: (error) => stops.push(error),
    backoff: { baseMs: 1_000, maxMs: 8_000 },
    idleTimeoutMs: 45_000,
    random: () => 1,
    ...overrides,
  });
  return { live, open, streams, signals, statuses, events, opens, stops };
}

const networkError = async () => {
  throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'offline' });
};
const problem = (status: number, code: ConstructorParameters<typeof ApiError>[0]['code']) => async () => {
  throw new ApiError({ status, code, message: code });
};
/** Lets the stream's promise chain run (reads, parsing) without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('connectLiveStream', () => {
  it('when the stream greets and a sale arrives in pieces, then it is connected and the events come through', async () => {
    const { live, streams, statuses, events, opens } = setup([]);
    await settle();

    streams[0]!.send('retry: 3000\nevent: ready\ndata: {}\n\n: keep-alive\n\nevent: sa');
    streams[0]!.send('le\ndata: {"type":"order.paid","orderId":"o1"}\n\n');
    await settle();

    expect(statuses).toEqual(['connected']);
    expect(opens).toEqual([false]);
    expect(events.map((event) => [event.event, event.data])).toEqual([
      ['ready', '{}'],
      ['sale', '{"type":"order.paid","orderId":"o1"}'],
    ]);
    live.close();
  });

  it("when the server ends the stream, then it reconnects after the server's retry delay and says it is a reconnect", async () => {
    const { live, open, streams, statuses, opens } = setup([]);
    await settle();
    streams[0]!.send('retry: 3000\nevent: ready\ndata: {}\n\n');
    await settle();

    streams[0]!.end();
    await settle();
    expect(statuses).toEqual(['connected', 'reconnecting']);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(open).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);

    expect(open).toHaveBeenCalledTimes(2);
    expect(statuses).toEqual(['connected', 'reconnecting', 'connected']);
    expect(opens).toEqual([false, true]);
    live.close();
  });

  it('when reconnecting keeps failing, then the waits double up to the maximum', async () => {
    const start = Date.now();
    const opensAt: number[] = [];
    const { live, statuses } = setup([], {
      open: async () => {
        opensAt.push(Date.now() - start);
        throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'offline' });
      },
    });

    await vi.advanceTimersByTimeAsync(2_000 + 4_000 + 8_000 + 8_000 + 8_000);

    expect(opensAt).toEqual([0, 2_000, 6_000, 14_000, 22_000, 30_000]);
    expect(statuses).toEqual([]);
    live.close();
  });

  it('when the first attempts fail and one gets through, then the next drop waits the base delay again', async () => {
    const { live, open, streams, statuses } = setup([networkError, problem(503, 'SERVICE_UNAVAILABLE')]);
    await vi.advanceTimersByTimeAsync(2_000 + 4_000);
    expect(open).toHaveBeenCalledTimes(3);
    expect(statuses).toEqual(['connected']);

    streams[0]!.fail();
    await settle();
    await vi.advanceTimersByTimeAsync(1_000);

    expect(open).toHaveBeenCalledTimes(4);
    expect(statuses).toEqual(['connected', 'reconnecting', 'connected']);
    live.close();
  });

  it('when the stream is refused for good (403, or 401 after the refresh failed), then it stops without retrying', async () => {
    for (const refusal of [problem(403, 'FORBIDDEN'), problem(401, 'TOKEN_INVALID'), problem(401, 'SESSION_REVOKED')]) {
      const { open, statuses, stops } = setup([refusal]);

      await vi.advanceTimersByTimeAsync(120_000);

      expect(open).toHaveBeenCalledTimes(1);
      expect(statuses).toEqual(['stopped']);
      expect(stops).toEqual([expect.any(ApiError)]);
    }
  });

  it('when the answer is not an event stream (a proxy page), then it is treated as a failed attempt', async () => {
    const page = async () => new Response('<html></html>', { headers: { 'content-type': 'text/html' } });
    const { live, open, statuses } = setup([page]);

    await vi.advanceTimersByTimeAsync(2_000);

    expect(open).toHaveBeenCalledTimes(2);
    expect(statuses).toEqual(['connected']);
    live.close();
  });

  it('when the stream goes silent past the idle timeout, then that connection is dropped and a new one opened', async () => {
    const { live, open, streams, signals, statuses } = setup([]);
    await settle();
    streams[0]!.send(': keep-alive\n\n');
    await vi.advanceTimersByTimeAsync(44_999);
    expect(signals[0]!.aborted).toBe(false);

    await vi.advanceTimersByTimeAsync(1);
    expect(signals[0]!.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);

    expect(open).toHaveBeenCalledTimes(2);
    expect(statuses).toEqual(['connected', 'reconnecting', 'connected']);
    live.close();
  });

  it('when it is closed (page left, signed out), then the request is aborted and nothing more happens', async () => {
    const { live, open, streams, signals, statuses, events } = setup([]);
    await settle();

    // A sale already on its way in when the page goes: the reader still gets the chunk, nobody hears of it.
    streams[0]!.send('event: sale\ndata: {}\n\n');
    live.close();
    await vi.advanceTimersByTimeAsync(120_000);

    expect(signals[0]!.aborted).toBe(true);
    expect(open).toHaveBeenCalledTimes(1);
    expect(events).toEqual([]);
    expect(statuses).toEqual(['connected']);
  });

  it('when closed while waiting to reconnect, then no further attempt is made', async () => {
    const { live, open } = setup([networkError]);
    await settle();

    live.close();
    await vi.advanceTimersByTimeAsync(120_000);

    expect(open).toHaveBeenCalledTimes(1);
  });

  it('when asked to retry now (back online), then the wait is skipped', async () => {
    const { live, open } = setup([networkError, networkError]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(open).toHaveBeenCalledTimes(2);

    live.retryNow();
    await settle();

    expect(open).toHaveBeenCalledTimes(3);
    live.close();
  });
});
