import { afterEach, describe, expect, it, vi } from 'vitest';
import { ensureSystemDependency, isInstalled, REDIS_SERVER, type MachineChecks } from './system-deps.js';

function captureOutput() {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  return () => written.join('');
}

afterEach(() => vi.restoreAllMocks());

describe('ensureSystemDependency', () => {
  it('when the command is missing and apt cannot be used, then it prints how to get it and returns false', async () => {
    const output = captureOutput();
    const asked: string[] = [];
    const machine: MachineChecks = {
      isInstalled: (command) => (asked.push(command), false),
      canUseApt: () => false,
    };

    const isReady = await ensureSystemDependency(REDIS_SERVER, machine);

    expect(isReady).toBe(false);
    expect(asked).toEqual(['redis-server']);
    expect(output()).toContain('✘ redis-server is not installed.');
    expect(output()).toContain(REDIS_SERVER.help);
    expect(output()).toMatch(/REDIS_URL/);
    expect(output()).not.toMatch(/apt-get…/);
  });

  it('when the command is installed, then it returns true without a word or an apt run', async () => {
    const output = captureOutput();
    const canUseApt = vi.fn(() => true);

    const isReady = await ensureSystemDependency(REDIS_SERVER, { isInstalled: () => true, canUseApt });

    expect(isReady).toBe(true);
    expect(canUseApt).not.toHaveBeenCalled();
    expect(output()).toBe('');
  });
});

describe('isInstalled', () => {
  it('when asked about commands on PATH and absolute paths, then it tells present from missing', () => {
    expect(isInstalled('sh')).toBe(true);
    expect(isInstalled('mercato-no-such-command')).toBe(false);
    expect(isInstalled(process.execPath)).toBe(true);
    expect(isInstalled('/nonexistent/mercato-binary')).toBe(false);
  });
});
