import { createServer, type Socket } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw message as sent after DATA (headers and MIME body), dot-stuffing removed. */
  raw: string;
}

export interface SmtpListener {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  /** Messages accepted (250 after DATA), in order. */
  received: ReceivedMail[];
  /** Deliveries that reached the end of DATA, accepted or refused. */
  attempts(): number;
  /** Answers the next `count` messages with a temporary failure (451) at the end of DATA. */
  failNext(count: number): void;
  close(): Promise<void>;
}

/**
 * A minimal SMTP server on the loopback (RFC 5321's core commands, no TLS, no auth): enough for nodemailer to
 * deliver to, so tests see exactly what the mailer sends and can make a delivery fail temporarily.
 */
export async function startSmtpListener(): Promise<SmtpListener> {
  const received: ReceivedMail[] = [];
  const sockets = new Set<Socket>();
  let attempts = 0;
  let failuresLeft = 0;

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffered = '';
    let envelope: { from: string; to: string[] } = { from: '', to: [] };
    let dataLines: string[] | undefined;
    const reply = (line: string) => socket.write(`${line}\r\n`);

    const onLine = (line: string) => {
      if (dataLines) {
        if (line !== '.') {
          dataLines.push(line.startsWith('..') ? line.slice(1) : line);
          return;
        }
        attempts += 1;
        const raw = dataLines.join('\r\n');
        dataLines = undefined;
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          reply('451 4.3.0 Temporary failure, try again later');
        } else {
          received.push({ ...envelope, raw });
          reply('250 2.0.0 Queued');
        }
        envelope = { from: '', to: [] };
        return;
      }
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO') reply('250-mercato-test\r\n250 8BITMIME');
      else if (verb === 'HELO' || verb === 'NOOP') reply('250 OK');
      else if (verb === 'MAIL') {
        envelope = { from: addressIn(line), to: [] };
        reply('250 2.1.0 OK');
      } else if (verb === 'RCPT') {
        envelope.to.push(addressIn(line));
        reply('250 2.1.5 OK');
      } else if (verb === 'DATA') {
        dataLines = [];
        reply('354 End data with <CR><LF>.<CR><LF>');
      } else if (verb === 'RSET') {
        envelope = { from: '', to: [] };
        reply('250 OK');
      } else if (verb === 'QUIT') {
        reply('221 Bye');
        socket.end();
      } else reply('502 5.5.2 Command not implemented');
    };

    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let end = buffered.indexOf('\r\n');
      while (end >= 0) {
        onLine(buffered.slice(0, end));
        buffered = buffered.slice(end + 2);
        end = buffered.indexOf('\r\n');
      }
    });
    reply('220 mercato-test ESMTP');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    attempts: () => attempts,
    failNext(count) {
      failuresLeft = count;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function addressIn(line: string): string {
  return /<([^>]*)>/.exec(line)?.[1] ?? '';
}

/** The decoded body of each `text/plain` and `text/html` part of a (possibly multipart) message. */
export function mimeParts(raw: string): { contentType: string; body: string }[] {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  const headers = unfold(head);
  const contentType = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return [{ contentType: contentType.split(';')[0]?.trim() ?? '', body: decode(body, headers) }];
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((part) => !part.startsWith('--'))
    .flatMap((part) => mimeParts(part.replace(/^\r\n/, '').replace(/\r\n$/, '')));
}

function unfold(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decode(body: string, headers: Record<string, string>): string {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}
