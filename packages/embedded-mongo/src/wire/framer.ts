/** Largest message accepted (the maxMessageSizeBytes advertised in hello). */
export const MAX_MESSAGE_BYTES = 48_000_000;

/**
 * Splits a TCP byte stream into wire messages: collects chunks until the int32 length prefix is satisfied.
 * Oversized or negative lengths are reported so the connection can be closed.
 */
export class MessageFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Adds received bytes and returns every complete message. */
  push(chunk: Buffer): Buffer[] {
    // The usual case: nothing left over and the chunk is exactly one message (a driver's command).
    if (this.buffered === 0 && chunk.length >= 16 && chunk.readInt32LE(0) === chunk.length) {
      if (chunk.length > MAX_MESSAGE_BYTES) throw new Error(`invalid message length ${chunk.length}`);
      return [chunk];
    }
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: Buffer[] = [];
    while (this.buffered >= 4) {
      const head = this.peekLength();
      if (head < 16 || head > MAX_MESSAGE_BYTES) throw new Error(`invalid message length ${head}`);
      if (this.buffered < head) break;
      messages.push(this.take(head));
    }
    return messages;
  }

  private peekLength(): number {
    const first = this.chunks[0] as Buffer;
    if (first.length >= 4) return first.readInt32LE(0);
    const joined = Buffer.concat(this.chunks);
    this.chunks = [joined];
    return joined.readInt32LE(0);
  }

  private take(length: number): Buffer {
    const joined = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    const message = joined.subarray(0, length);
    const rest = joined.subarray(length);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return message;
  }
}
