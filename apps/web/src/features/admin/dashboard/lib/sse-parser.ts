/** One dispatched Server-Sent Event. */
export interface SseEvent {
  /** The `event:` field; `message` when the server sent none. */
  event: string;
  /** The `data:` lines joined with newlines. */
  data: string;
  /** The last `id:` seen on the stream (it carries over to later events). */
  lastEventId: string;
}

export interface SseParserHandlers {
  onEvent: (event: SseEvent) => void;
  /** The server's `retry:` (reconnection delay in ms). */
  onRetry?: (ms: number) => void;
}

export interface SseParser {
  /** Feeds decoded text as it arrives; chunks may split lines, fields and line endings anywhere. */
  push: (text: string) => void;
}

const CR = 13;
const LF = 10;

/**
 * A `text/event-stream` parser following the WHATWG rules (CRLF, LF or CR line ends, `:` comments, multi-line data,
 * an event dispatched on a blank line, a final unterminated event dropped). `EventSource` cannot send an
 * Authorization header, so the dashboard reads the stream with fetch and parses it here.
 */
export function createSseParser(handlers: SseParserHandlers): SseParser {
  let pending = '';
  let isStart = true;
  let skipLineFeed = false;
  let eventType = '';
  let data: string[] = [];
  let lastEventId = '';

  function dispatch() {
    if (data.length > 0) handlers.onEvent({ event: eventType || 'message', data: data.join('\n'), lastEventId });
    eventType = '';
    data = [];
  }

  function processLine(line: string) {
    if (line === '') return dispatch();
    if (line.startsWith(':')) return; // a comment: the server's keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        eventType = value;
        break;
      case 'data':
        data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) handlers.onRetry?.(Number(value));
        break;
      default:
        break; // unknown fields are ignored
    }
  }

  return {
    push(text) {
      if (isStart && text.length > 0) {
        isStart = false;
        if (text.startsWith('\uFEFF')) text = text.slice(1);
      }
      let start = 0;
      for (let index = 0; index < text.length; index += 1) {
        const code = text.charCodeAt(index);
        if (skipLineFeed) {
          skipLineFeed = false;
          // The LF of a CRLF whose CR ended the previous line (possibly in the previous chunk).
          if (code === LF) {
            start = index + 1;
            continue;
          }
        }
        if (code !== CR && code !== LF) continue;
        const line = pending + text.slice(start, index);
        pending = '';
        skipLineFeed = code === CR;
        start = index + 1;
        processLine(line);
      }
      pending += text.slice(start);
    },
  };
}
