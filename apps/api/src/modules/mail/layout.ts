import { escapeHtml } from '../../lib/html.js';

export interface EmailContent {
  subject: string;
  /** Paragraphs of plain text; each becomes a <p> in the HTML version. */
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}

/** Renders an email in both HTML and plain text from one description, so the two never disagree. */
export function renderEmail(storeName: string, content: EmailContent): { subject: string; html: string; text: string } {
  const textParts = [...content.paragraphs];
  if (content.action) textParts.push(`${content.action.label}: ${content.action.url}`);
  if (content.footer) textParts.push(content.footer);
  const text = `${textParts.join('\n\n')}\n\n— ${storeName}\n`;

  const paragraphs = content.paragraphs
    .map((paragraph) => `<p style="margin:0 0 16px">${escapeHtml(paragraph)}</p>`)
    .join('');
  const action = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#111827;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(content.action.label)}</a></p><p style="margin:0 0 16px;font-size:12px;color:#6b7280">Or paste this link into your browser: ${escapeHtml(content.action.url)}</p>`
    : '';
  const footer = content.footer
    ? `<p style="margin:24px 0 0;font-size:12px;color:#6b7280">${escapeHtml(content.footer)}</p>`
    : '';
  const html = `<!doctype html><html><body style="margin:0;padding:24px;background:#f9fafb;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#111827"><div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px"><h1 style="font-size:20px;margin:0 0 24px">${escapeHtml(content.subject)}</h1>${paragraphs}${action}${footer}<p style="margin:32px 0 0;color:#6b7280">— ${escapeHtml(storeName)}</p></div></body></html>`;
  return { subject: content.subject, html, text };
}
