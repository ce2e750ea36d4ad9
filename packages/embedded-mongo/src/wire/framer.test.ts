import { describe, expect, it } from 'vitest';
import { MessageFramer } from './framer.js';

function message(length: number, fill: number): Buffer {
  const buffer = Buffer.alloc(length, fill);
  buffer.writeInt32LE(length, 0);
  return buffer;
}

describe('MessageFramer', () => {
  it('when a message arrives in small pieces, then it is emitted once complete', () => {
    const framer = new MessageFramer();
    const whole = message(40, 7);
    expect(framer.push(whole.subarray(0, 2))).toEqual([]);
    expect(framer.push(whole.subarray(2, 30))).toEqual([]);
    const [out] = framer.push(whole.subarray(30));
    expect(out?.equals(whole)).toBe(true);
  });

  it('when several messages arrive in one chunk, then each is emitted separately', () => {
    const framer = new MessageFramer();
    const a = message(20, 1);
    const b = message(24, 2);
    const c = message(30, 3);
    const out = framer.push(Buffer.concat([a, b, c.subarray(0, 10)]));
    expect(out.map((m) => m.length)).toEqual([20, 24]);
    expect(framer.push(c.subarray(10))[0]?.equals(c)).toBe(true);
  });

  it('when a length prefix is impossible, then the framer refuses the stream', () => {
    const framer = new MessageFramer();
    const bad = Buffer.alloc(8);
    bad.writeInt32LE(3, 0);
    expect(() => framer.push(bad)).toThrow(/invalid message length/);
  });
});
