import { createHmac } from 'node:crypto';

/**
 * Builds the `Stripe-Signature` header exactly as Stripe does: `t=<unix seconds>,v1=<hex HMAC-SHA256>` keyed with the
 * whole `whsec_…` secret (not base64-decoded) over `${t}.${payload}`.
 */
export function signPayload(payload: string, secret: string, timestampSeconds: number): string {
  const signature = createHmac('sha256', secret).update(`${timestampSeconds}.${payload}`, 'utf8').digest('hex');
  return `t=${timestampSeconds},v1=${signature}`;
}
