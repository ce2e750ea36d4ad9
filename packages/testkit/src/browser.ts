import { chromium, type Browser } from 'playwright-core';

/** Flags that keep Debian's Chromium quiet on a machine with a closed network (see docs/decisions). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** Path of the system Chromium; `CHROMIUM_PATH` overrides it for other distributions. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Launches the system Chromium headless. Never downloads a browser. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}
