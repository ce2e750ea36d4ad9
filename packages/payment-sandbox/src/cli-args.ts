import type { PaymentSandboxOptions } from './sandbox.js';

export const USAGE = `Usage: npm run payments:start -- [options]

  --port <port>              port to listen on (default: a free port)
  --host <host>              interface to bind (default: 127.0.0.1)
  --public-url <url>         base URL of the hosted pages, when reached through another address
  --secret-key <sk_test_…>   the API key clients must send (default: generated, printed)
  --webhook-url <url>        where to send events (repeatable)
  --webhook-secret <whsec_…> signing secret for the matching --webhook-url (default: generated, printed with it)
  --retry-delays <ms,ms,…>   webhook retry schedule (default: 1000,5000,30000,120000,600000)
  --delivery-timeout <ms>    how long a webhook delivery may take (default: 10000)
  --help                     show this help`;

export type CliCommand =
  { kind: 'help' } | { kind: 'start'; options: PaymentSandboxOptions; webhookSecrets: string[]; webhookUrls: string[] };

/** Parses the command line; throws an Error with a readable message on bad input. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const options: PaymentSandboxOptions = {};
  const webhookUrls: string[] = [];
  const webhookSecrets: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--port':
        options.port = readPort(value());
        break;
      case '--host':
        options.host = value();
        break;
      case '--public-url':
        options.publicUrl = readUrl(value(), flag);
        break;
      case '--secret-key':
        options.secretKey = readSecretKey(value());
        break;
      case '--webhook-url':
        webhookUrls.push(readUrl(value(), flag));
        break;
      case '--webhook-secret':
        webhookSecrets.push(readWebhookSecret(value()));
        break;
      case '--retry-delays':
        options.retryDelaysMs = value()
          .split(',')
          .map((part) => readNonNegative(part.trim(), flag));
        break;
      case '--delivery-timeout':
        options.deliveryTimeoutMs = readNonNegative(value(), flag);
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  if (webhookSecrets.length > webhookUrls.length) {
    throw new Error(
      webhookUrls.length === 0
        ? '--webhook-secret needs a --webhook-url to sign deliveries for'
        : 'more --webhook-secret values than --webhook-url values',
    );
  }
  return { kind: 'start', options, webhookUrls, webhookSecrets };
}

function readPort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new Error(`--port must be 0–65535, got ${text}`);
  return port;
}

function readUrl(text: string, flag: string): string {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return text;
  } catch {
    // reported below
  }
  throw new Error(`${flag} must be an http(s) URL, got ${text}`);
}

function readSecretKey(text: string): string {
  if (!/^sk_test_\S+$/.test(text))
    throw new Error('--secret-key must look like sk_test_… (the sandbox never takes live keys)');
  return text;
}

function readWebhookSecret(text: string): string {
  if (!/^whsec_\S+$/.test(text)) throw new Error('--webhook-secret must start with whsec_');
  return text;
}

function readNonNegative(text: string, flag: string): number {
  const number = Number(text);
  if (text === '' || !Number.isFinite(number) || number < 0)
    throw new Error(`${flag} takes non-negative milliseconds, got ${text}`);
  return number;
}
