const EXTENDED = /(?:^|;)\s*filename\*\s*=\s*([^;]+)/i;
const QUOTED = /(?:^|;)\s*filename\s*=\s*"((?:[^"\\]|\\.)*)"/i;
const TOKEN = /(?:^|;)\s*filename\s*=\s*([^";\s]+)/i;

/** `UTF-8''mercato%20data.json` (RFC 8187); null when the charset is not UTF-8 or the escapes are broken. */
function decodeExtended(value: string): string | null {
  const match = /^\s*(utf-8)'[^']*'(.+?)\s*$/i.exec(value);
  if (!match?.[2]) return null;
  try {
    return decodeURIComponent(match[2]);
  } catch {
    return null;
  }
}

/** Only a file name: no folders (`../`), no control characters; null when nothing usable is left. */
function safeName(name: string): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const base = (name.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base === '' || base === '.' || base === '..' ? null : base;
}

/**
 * The file name a `Content-Disposition` header suggests (RFC 6266): `filename*` (UTF-8, percent-encoded) wins over
 * `filename` (quoted or bare). Null when there is none, so the caller picks its own.
 */
export function filenameFromContentDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const extended = EXTENDED.exec(header)?.[1];
  const decoded = extended === undefined ? null : decodeExtended(extended);
  if (decoded !== null) return safeName(decoded);
  const quoted = QUOTED.exec(header)?.[1];
  if (quoted !== undefined) return safeName(quoted.replace(/\\(.)/g, '$1'));
  const token = TOKEN.exec(header)?.[1];
  return token === undefined ? null : safeName(token);
}
