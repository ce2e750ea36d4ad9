import { describe, expect, it } from 'vitest';
import { filenameFromContentDisposition } from './content-disposition.js';

describe('filenameFromContentDisposition', () => {
  it('when the API names the export file, then that name is used', () => {
    expect(filenameFromContentDisposition('attachment; filename="mercato-data-2026-03-12.json"')).toBe(
      'mercato-data-2026-03-12.json',
    );
    expect(filenameFromContentDisposition('attachment; filename=report.json')).toBe('report.json');
    expect(filenameFromContentDisposition('ATTACHMENT; FILENAME = "Report.JSON"')).toBe('Report.JSON');
  });

  it('when the name is quoted with escapes, then they are undone', () => {
    expect(filenameFromContentDisposition('attachment; filename="my \\"data\\".json"')).toBe('my "data".json');
  });

  it('when an encoded filename* is sent too, then it wins over the plain one', () => {
    expect(
      filenameFromContentDisposition(`attachment; filename="data.json"; filename*=UTF-8''donn%C3%A9es%20perso.json`),
    ).toBe('données perso.json');
    expect(filenameFromContentDisposition(`attachment; filename*=utf-8'en'a%20b.json`)).toBe('a b.json');
  });

  it('when filename* cannot be decoded, then the plain filename is used', () => {
    expect(filenameFromContentDisposition(`attachment; filename*=UTF-8''bad%E0%A4%A; filename="ok.json"`)).toBe(
      'ok.json',
    );
    expect(filenameFromContentDisposition(`attachment; filename*=ISO-8859-1''x.json; filename="ok.json"`)).toBe(
      'ok.json',
    );
  });

  it('when the name tries to leave the downloads folder, then only its last part is kept', () => {
    expect(filenameFromContentDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(filenameFromContentDisposition('attachment; filename="C:\\\\Windows\\\\evil.json"')).toBe('evil.json');
    expect(filenameFromContentDisposition('attachment; filename="a\u0000b\nc.json"')).toBe('abc.json');
  });

  it('when there is no usable name, then null (the caller chooses one)', () => {
    expect(filenameFromContentDisposition(null)).toBeNull();
    expect(filenameFromContentDisposition(undefined)).toBeNull();
    expect(filenameFromContentDisposition('')).toBeNull();
    expect(filenameFromContentDisposition('attachment')).toBeNull();
    expect(filenameFromContentDisposition('inline; filename=""')).toBeNull();
    expect(filenameFromContentDisposition('attachment; filename="../"')).toBeNull();
    expect(filenameFromContentDisposition('attachment; name="file"; size=3')).toBeNull();
  });
});
