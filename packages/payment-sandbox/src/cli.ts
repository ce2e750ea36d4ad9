#!/usr/bin/env node
import { parseCliArgs, USAGE } from './cli-args.js';
import { createWebhookSecret } from './lib/ids.js';
import { startPaymentSandbox, type PaymentSandbox } from './sandbox.js';

// Runs the sandbox as a process (the launcher starts it and reads the first line). Logs go to stderr so stdout holds
// only the announcement lines.
async function main(): Promise<void> {
  let command;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`payment sandbox: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (command.kind === 'help') {
    console.log(USAGE);
    return;
  }
  // Signals are handled from the start, so one that arrives while the server is still starting is not lost.
  const running: { sandbox?: PaymentSandbox } = {};
  let stopSignal: string | undefined;
  const stop = (signal: string) => {
    if (stopSignal) return;
    stopSignal = signal;
    const { sandbox } = running;
    if (!sandbox) return;
    console.error(`[payments] ${signal}: stopping`);
    sandbox.stop().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`[payments] error while stopping: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Started by Mercato's launcher in its own process group: stop when the launcher is gone (even after kill -9).
  const supervisor = Number(process.env.MERCATO_SUPERVISOR_PID);
  if (Number.isInteger(supervisor) && supervisor > 0) {
    setInterval(() => {
      try {
        process.kill(supervisor, 0);
      } catch {
        stop('launcher exited');
      }
    }, 1_000).unref();
  }
  const secrets = command.webhookUrls.map((_, i) => command.webhookSecrets[i] ?? createWebhookSecret());
  const sandbox = await startPaymentSandbox({
    ...command.options,
    webhooks: command.webhookUrls.map((url, i) => ({ url, secret: secrets[i] as string })),
    logger: {
      info: (msg) => console.error(`[payments] ${msg}`),
      warn: (msg) => console.error(`[payments] warning: ${msg}`),
      error: (msg) => console.error(`[payments] error: ${msg}`),
    },
  });
  running.sandbox = sandbox;
  const lines = [`Payment sandbox listening on ${sandbox.url}`, `Secret key: ${sandbox.secretKey}`];
  // A secret is printed only beside the endpoint that uses it: one shown without an endpoint would sign nothing.
  if (command.webhookUrls.length === 0) {
    lines.push('Webhook endpoints: none registered, events are recorded but not sent (pass --webhook-url <url>).');
  } else {
    command.webhookUrls.forEach((url, i) => lines.push(`Webhook secret: ${secrets[i]} (for ${url})`));
  }
  lines.push(
    `Events, deliveries and test controls: ${sandbox.url}/_sandbox`,
    'State is kept in memory: stopping the sandbox forgets every session and event.',
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  if (stopSignal) {
    const pending = stopSignal;
    stopSignal = undefined;
    stop(pending);
  }
}

main().catch((error: Error) => {
  console.error(`payment sandbox: could not start: ${error.message}`);
  process.exit(1);
});
