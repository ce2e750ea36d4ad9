import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509CertificateGenerator,
} from '@peculiar/x509';
import { createPrivateKey, KeyObject, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DATA_DIR } from './paths.js';

/** The certificate `npm start -- --https` serves, and the authority a browser, the system or curl trusts for it. */
export interface LocalCertificate {
  /** The server's certificate (CN=localhost) and its private key: the API's TLS_CERT_FILE and TLS_KEY_FILE. */
  certFile: string;
  keyFile: string;
  /** The authority that signed it, the one file to trust. */
  caFile: string;
  notAfter: Date;
  /** True when this call made a new one: first start, or the old one expired, was unreadable or did not match. */
  isNew: boolean;
}

/** Names the certificate must cover: browsers check subjectAltName only, never the CN. */
export const LOCAL_HOSTS = { dns: ['localhost'], ips: ['127.0.0.1', '::1'] } as const;

const VALID_DAYS = 825; // the longest server certificate Apple's platforms accept
const RENEW_MARGIN_MS = 24 * 60 * 60 * 1000; // a start never serves a certificate that expires the same day
const SIGNING = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/**
 * Returns the local HTTPS certificate in `dir` (default `.data/tls/`), making it on first use and whenever the
 * stored one has expired (or will within a day), cannot be read, or does not match its key or authority.
 *
 * Two certificates, as mkcert makes them, because one self-signed certificate cannot satisfy every browser: Firefox
 * refuses a CA certificate used as the server's (MOZILLA_PKIX_ERROR_CA_CERT_USED_AS_END_ENTITY) and Chromium will
 * not import a non-CA certificate as an authority. So a one-off authority signs a `localhost` server certificate,
 * and the authority is what gets trusted. Its private key only ever exists in this function's memory: trusting it
 * vouches for this one certificate and nothing else anyone could sign later. A regenerated certificate therefore
 * comes with a new authority, to be trusted again (every 825 days, or after deleting `.data/tls/`).
 *
 * Pure JavaScript (@peculiar/x509 over WebCrypto) rather than the `openssl` binary: no network, no dependency on
 * which openssl (or LibreSSL, without `-addext`) a machine has, and the authority's key never touches the disk.
 */
export async function ensureLocalCertificate(
  dir: string = join(DATA_DIR, 'tls'),
  now: Date = new Date(),
): Promise<LocalCertificate> {
  const files = {
    certFile: join(dir, 'localhost.crt'),
    keyFile: join(dir, 'localhost.key'),
    caFile: join(dir, 'ca.crt'),
  };
  const notAfter = validUntil(files, now);
  if (notAfter) return { ...files, notAfter, isNew: false };

  const made = await makeCertificate(now);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Key first and mode set explicitly: writeFileSync's `mode` only applies when it creates the file.
  writeFileSync(files.keyFile, made.key, { mode: 0o600 });
  chmodSync(files.keyFile, 0o600);
  writeFileSync(files.certFile, made.cert);
  writeFileSync(files.caFile, made.ca);
  return { ...files, notAfter: made.notAfter, isNew: true };
}

/** The stored certificate's expiry when it can be served as it is, else undefined. */
function validUntil(files: { certFile: string; keyFile: string; caFile: string }, now: Date): Date | undefined {
  try {
    const cert = new X509Certificate(readFileSync(files.certFile));
    const ca = new X509Certificate(readFileSync(files.caFile));
    const key = createPrivateKey(readFileSync(files.keyFile));
    const notAfter = new Date(cert.validTo);
    const isCurrent = (c: X509Certificate) =>
      new Date(c.validFrom) <= now && new Date(c.validTo).getTime() > now.getTime() + RENEW_MARGIN_MS;
    const isUsable =
      isCurrent(cert) &&
      isCurrent(ca) &&
      cert.checkPrivateKey(key) &&
      cert.checkIssued(ca) &&
      cert.verify(ca.publicKey) &&
      LOCAL_HOSTS.dns.every((host) => cert.checkHost(host) === host) &&
      LOCAL_HOSTS.ips.every((ip) => cert.checkIP(ip) === ip);
    return isUsable ? notAfter : undefined;
  } catch {
    return undefined; // missing, truncated, not PEM, a key of another kind: make a new one
  }
}

async function makeCertificate(now: Date): Promise<{ cert: string; key: string; ca: string; notAfter: Date }> {
  const subtle = webcrypto.subtle;
  // Whole seconds, as a certificate stores them; backdated an hour for a client whose clock is slightly behind.
  const start = Math.floor(now.getTime() / 1000) * 1000;
  const notBefore = new Date(start - 60 * 60 * 1000);
  const notAfter = new Date(start + VALID_DAYS * 24 * 60 * 60 * 1000);
  const caKeys = await subtle.generateKey(SIGNING, false, ['sign', 'verify']);
  const serverKeys = await subtle.generateKey(SIGNING, true, ['sign', 'verify']);
  const day = now.toISOString().slice(0, 10);

  // @peculiar/x509 signs with Node's global WebCrypto (globalThis.crypto) by default.
  const ca = await X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    // Dated, so a stale authority is easy to find and remove from a trust store.
    name: `CN=Mercato local development CA ${day}, O=Mercato (npm start -- --https)`,
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: SIGNING,
    extensions: [
      new BasicConstraintsExtension(true, 0, true),
      new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
      await SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const cert = await X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=localhost, O=Mercato (npm start -- --https)',
    issuer: ca.subject,
    notBefore,
    notAfter,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: SIGNING,
    extensions: [
      new BasicConstraintsExtension(false, undefined, true),
      new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
      new ExtendedKeyUsageExtension([ExtendedKeyUsage.serverAuth]),
      // Key identifiers: OpenSSL's strict verification (Python 3.13's default) requires them.
      await AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
      await SubjectKeyIdentifierExtension.create(serverKeys.publicKey),
      new SubjectAlternativeNameExtension([
        ...LOCAL_HOSTS.dns.map((value) => ({ type: 'dns' as const, value })),
        ...LOCAL_HOSTS.ips.map((value) => ({ type: 'ip' as const, value })),
      ]),
    ],
  });
  const key = KeyObject.from(serverKeys.privateKey).export({ type: 'pkcs8', format: 'pem' }).toString();
  return { cert: `${cert.toString('pem')}\n`, key, ca: `${ca.toString('pem')}\n`, notAfter };
}

/** A positive 128-bit serial (the top bit cleared: DER integers are signed). */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

/** How to make browsers, the system and curl trust `caFile`, for the launcher to print. */
export function trustInstructions(certificate: LocalCertificate, origin: string): string[] {
  const ca = shortPath(certificate.caFile);
  return [
    `Trust ${ca} (a local authority that signed only this shop's certificate) once, then browsers show no warning:`,
    `  Debian/Ubuntu  sudo cp ${ca} /usr/local/share/ca-certificates/mercato-localhost.crt && sudo update-ca-certificates`,
    `  Chromium       Settings → Privacy and security → Security → Manage certificates → Authorities → Import ${ca}`,
    `  Firefox        Settings → Privacy & Security → Certificates → View Certificates → Authorities → Import ${ca}`,
    `  curl           curl --cacert ${ca} ${origin}/api/health`,
    `  Node.js        NODE_EXTRA_CA_CERTS=${ca}`,
    'Browsers keep their own list (the system step covers curl, wget and most command-line tools). HSTS makes a',
    'browser use https for "localhost" on every port for a year: chrome://net-internals/#hsts deletes it.',
  ];
}

function shortPath(file: string): string {
  const fromHere = relative(process.cwd(), file);
  return fromHere.startsWith('..') ? file : fromHere;
}
