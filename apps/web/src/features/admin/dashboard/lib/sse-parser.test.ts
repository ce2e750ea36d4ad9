import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse-parser.js';

function parse(chunks: string[]) {
  const events: SseEvent[] = [];
  const retries: number[] = [];
  const parser = createSseParser({ onEvent: (event) => events.push(event), onRetry: (ms) => retries.push(ms) });
  for (const chunk of chunks) parser.push(chunk);
  return { events, retries };
}

describe('createSseParser', () => {
  it('when the API greets, sends a sale and keeps the line alive, then ready and sale are dispatched and comments skipped', () => {
    const { events, retries } = parse([
      'retry: 3000\nevent: ready\ndata: {}\n\n',
      ': keep-alive\n\n',
      'event: sale\ndata: {"type":"order.paid","orderId":"abc"}\n\n',
    ]);

    expect(retries).toEqual([3000]);
    expect(events).toEqual([
      { event: 'ready', data: '{}', lastEventId: '' },
      { event: 'sale', data: '{"type":"order.paid","orderId":"abc"}', lastEventId: '' },
    ]);
  });

  it('when chunks split fields, lines and a CRLF anywhere, then the same events come out', () => {
    const whole = 'event: sale\r\ndata: {"orderId":"1"}\r\n\r\nevent: sale\rdata: {"orderId":"2"}\r\r';
    const expected = parse([whole]).events;

    for (let cut = 1; cut < whole.length; cut += 1) {
      expect(parse([whole.slice(0, cut), whole.slice(cut)]).events).toEqual(expected);
    }
    expect(parse(whole.split('')).events).toEqual(expected);
    expect(expected.map((event) => event.data)).toEqual(['{"orderId":"1"}', '{"orderId":"2"}']);
  });

  it('when data spans lines and fields vary, then lines join with newlines, ids carry over and one space is trimmed', () => {
    const { events } = parse(['\uFEFFid: 7\ndata:first\ndata:  second\ndata\n\n', 'data: plain\nnonsense: x\n\n']);

    expect(events).toEqual([
      { event: 'message', data: 'first\n second\n', lastEventId: '7' },
      { event: 'message', data: 'plain', lastEventId: '7' },
    ]);
  });

  it('when an event has no data or the stream stops mid-event, then nothing is dispatched for it', () => {
    const { events, retries } = parse(['event: ready\n\n', 'retry: soon\n', 'event: sale\ndata: {"orderId":"x"}\n']);

    expect(events).toEqual([]);
    expect(retries).toEqual([]);
  });
});
