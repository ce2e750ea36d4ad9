import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureLocalCertificate, trustInstructions, type LocalCertificate } from './local-tls.js';

const dirs: string[] = [];
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mercato-tls-'));
  dirs.push(dir);
  return join(dir, 'tls'); // not there yet: the helper creates it
}

function bytesOf(certificate: LocalCertificate) {
  return [certificate.certFile, certificate.keyFile, certificate.caFile].map((file) => readFileSync(file, 'utf8'));
}

/**
 * A TLS handshake with `host`, trusting only `ca`; the certificate is checked against `servername` when given (sent
 * as SNI, as a browser does for a name), else against the IP address itself.
 */
function handshake(port: number, host: string, ca: Buffer, servername?: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ port, host, ca, ...(servername ? { servername } : {}) }, () => {
      socket.end();
      resolve('trusted');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('ensureLocalCertificate', () => {
  it('when called on an empty directory, then it makes a localhost certificate signed by a local authority, with a private key only its owner can read', async () => {
    const certificate = await ensureLocalCertificate(tempDir());

    expect(certificate.isNew).toBe(true);
    const cert = new X509Certificate(readFileSync(certificate.certFile));
    const ca = new X509Certificate(readFileSync(certificate.caFile));
    expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkIP('::1')).toBe('::1');
    expect(cert.ca).toBe(false);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // serverAuth
    expect(ca.ca).toBe(true);
    expect(cert.checkIssued(ca) && cert.verify(ca.publicKey)).toBe(true);
    expect(new Date(cert.validTo).getTime()).toBe(certificate.notAfter.getTime());
    expect(new Date(cert.validTo).getTime() - Date.now()).toBeGreaterThan(800 * 24 * 60 * 60 * 1000);
    expect(statSync(certificate.keyFile).mode & 0o777).toBe(0o600);
  });

  it('when called again, then it reuses the same certificate byte for byte', async () => {
    const dir = tempDir();
    const first = await ensureLocalCertificate(dir);
    const second = await ensureLocalCertificate(dir);

    expect(second.isNew).toBe(false);
    expect(bytesOf(second)).toEqual(bytesOf(first));
  });

  it.each(['certFile', 'keyFile', 'caFile'] as const)(
    'when the %s is missing, then it makes a new, consistent set',
    async (file) => {
      const dir = tempDir();
      const first = await ensureLocalCertificate(dir);
      const [firstCert] = bytesOf(first);
      rmSync(first[file]);

      const second = await ensureLocalCertificate(dir);

      expect(second.isNew).toBe(true);
      const [cert, , ca] = bytesOf(second);
      expect(cert).not.toBe(firstCert);
      expect(new X509Certificate(cert ?? '').verify(new X509Certificate(ca ?? '').publicKey)).toBe(true);
      expect(statSync(second.keyFile).mode & 0o777).toBe(0o600);
    },
  );

  it('when the certificate has expired or expires within a day, then it makes a new one', async () => {
    const dir = tempDir();
    const first = await ensureLocalCertificate(dir);
    const dayBeforeExpiry = new Date(first.notAfter.getTime() - 12 * 60 * 60 * 1000);

    const second = await ensureLocalCertificate(dir, dayBeforeExpiry);

    expect(second.isNew).toBe(true);
    expect(second.notAfter.getTime()).toBeGreaterThan(first.notAfter.getTime());
    expect((await ensureLocalCertificate(dir, dayBeforeExpiry)).isNew).toBe(false);
  });

  it('when a file is unreadable or the key belongs to another certificate, then it makes a new one', async () => {
    const dir = tempDir();
    const first = await ensureLocalCertificate(dir);
    writeFileSync(first.certFile, 'not a certificate');
    const second = await ensureLocalCertificate(dir);
    expect(second.isNew).toBe(true);

    const other = await ensureLocalCertificate(tempDir());
    writeFileSync(second.keyFile, readFileSync(other.keyFile));
    const third = await ensureLocalCertificate(dir);
    expect(third.isNew).toBe(true);
    expect(readFileSync(third.keyFile, 'utf8')).not.toBe(readFileSync(other.keyFile, 'utf8'));
  });

  it('when a client trusts only the authority, then TLS to localhost, 127.0.0.1 and ::1 verifies, and a client that does not trust it is refused', async () => {
    const certificate = await ensureLocalCertificate(tempDir());
    const server = createServer({ cert: readFileSync(certificate.certFile), key: readFileSync(certificate.keyFile) });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '::', resolve));
    const { port } = server.address() as { port: number };
    const ca = readFileSync(certificate.caFile);

    expect(await handshake(port, '127.0.0.1', ca, 'localhost')).toBe('trusted');
    expect(await handshake(port, '127.0.0.1', ca)).toBe('trusted');
    expect(await handshake(port, '::1', ca)).toBe('trusted');
    expect(await handshake(port, '127.0.0.1', ca, 'shop.example.com')).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    const stranger = readFileSync((await ensureLocalCertificate(tempDir())).caFile);
    expect(await handshake(port, '127.0.0.1', stranger, 'localhost')).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });
});

describe('trustInstructions', () => {
  it('when printed, then they name the authority file for the system store, browsers and curl', async () => {
    const certificate = await ensureLocalCertificate(tempDir());

    const text = trustInstructions(certificate, 'https://localhost:3000').join('\n');

    expect(text).toContain(`sudo cp ${certificate.caFile} /usr/local/share/ca-certificates/mercato-localhost.crt`);
    expect(text).toContain('sudo update-ca-certificates');
    expect(text).toMatch(/Firefox .*Authorities → Import/);
    expect(text).toContain(`curl --cacert ${certificate.caFile} https://localhost:3000/api/health`);
  });
});
