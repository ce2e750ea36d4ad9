import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.js';

describe('parseCliArgs', () => {
  it('when the launcher’s options are given, then they map to sandbox options', () => {
    const command = parseCliArgs([
      '--port',
      '12111',
      '--webhook-url',
      'http://127.0.0.1:3000/api/webhooks/stripe',
      '--webhook-secret',
      'whsec_abc',
      '--secret-key',
      'sk_test_sandbox_x',
    ]);

    expect(command).toEqual({
      kind: 'start',
      options: { port: 12111, secretKey: 'sk_test_sandbox_x' },
      webhookUrls: ['http://127.0.0.1:3000/api/webhooks/stripe'],
      webhookSecrets: ['whsec_abc'],
    });
  });

  it('when options use the --name=value form and a retry schedule, then they parse too', () => {
    const command = parseCliArgs([
      '--port=0',
      '--retry-delays=100,200',
      '--delivery-timeout',
      '500',
      '--host',
      '0.0.0.0',
    ]);

    expect(command).toMatchObject({
      kind: 'start',
      options: { port: 0, retryDelaysMs: [100, 200], deliveryTimeoutMs: 500, host: '0.0.0.0' },
    });
  });

  it('when values are wrong, then the error says which option and why', () => {
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow('--port must be 0–65535');
    expect(() => parseCliArgs(['--secret-key', 'sk_live_123'])).toThrow('sk_test_');
    expect(() => parseCliArgs(['--webhook-secret', 'nope'])).toThrow('whsec_');
    expect(() => parseCliArgs(['--webhook-url', 'ftp://x'])).toThrow('http(s) URL');
    expect(() => parseCliArgs(['--port'])).toThrow('--port needs a value');
    expect(() => parseCliArgs(['--what'])).toThrow('unknown option --what');
  });

  it('when a webhook secret is given without a webhook URL, then parsing fails instead of printing an unused secret', () => {
    expect(() => parseCliArgs(['--webhook-secret', 'whsec_alone'])).toThrow('--webhook-secret needs a --webhook-url');
    expect(() =>
      parseCliArgs(['--webhook-url', 'http://a.test/h', '--webhook-secret', 'whsec_1', '--webhook-secret', 'whsec_2']),
    ).toThrow('more --webhook-secret values');
  });

  it('when --help is given, then help is asked for', () => {
    expect(parseCliArgs(['--port', '1', '--help'])).toEqual({ kind: 'help' });
  });
});
