import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.js';

describe('parseCliArgs', () => {
  it('when no flags are given, then the documented defaults apply', () => {
    expect(parseCliArgs([])).toEqual({
      port: 27017,
      host: '127.0.0.1',
      dbPath: './.data/mongo',
      help: false,
      enableTestCommands: false,
    });
  });

  it('when --enable-test-commands is given, then test commands are enabled (they are off by default)', () => {
    expect(parseCliArgs(['--enable-test-commands']).enableTestCommands).toBe(true);
  });

  it('when port, host and dbpath are given, then they are used', () => {
    expect(parseCliArgs(['--port', '0', '--host', '0.0.0.0', '--dbpath', '/tmp/x'])).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      dbPath: '/tmp/x',
    });
  });

  it('when the port is not a valid number, then parsing fails with a message', () => {
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--port', '70000'])).toThrow(/--port/);
  });

  it('when a compaction threshold is given, then it is parsed as bytes, and a bad one is refused', () => {
    expect(parseCliArgs(['--compact-threshold', '65536']).compactThresholdBytes).toBe(65536);
    expect(parseCliArgs([]).compactThresholdBytes).toBeUndefined();
    expect(() => parseCliArgs(['--compact-threshold', '0'])).toThrow(/--compact-threshold/);
    expect(() => parseCliArgs(['--compact-threshold', 'lots'])).toThrow(/--compact-threshold/);
  });

  it('when an unknown flag is given, then parsing fails', () => {
    expect(() => parseCliArgs(['--nope'])).toThrow();
  });
});
