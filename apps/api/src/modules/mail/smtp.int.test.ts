import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMailToken } from '../../test-support/auth.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { mimeParts, startSmtpListener, type SmtpListener } from '../../test-support/smtp.test-support.js';
import { mailRepoOf } from '../../test-support/mail.test-support.js';
import { MAIL_COLLECTION } from './repo.js';

let smtp: SmtpListener;
let ctx: TestApp;
beforeAll(async () => {
  smtp = await startSmtpListener();
  ctx = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Mercato Test <shop@mercato.test>' });
});
afterAll(async () => {
  await ctx.close();
  await smtp.close();
});

describe('mail over SMTP', () => {
  it('when SMTP_URL is set, then an email goes out through SMTP with its text and HTML parts and is marked sent', async () => {
    expect(ctx.app.mailer.isOutbox).toBe(false);
    const email = 'smtp-signup@example.com';

    const response = await request(ctx.url, 'POST', '/api/auth/signup', {
      body: { name: 'Smtp Shopper', email, password: 'password-1234' },
    });
    expect(response.status).toBe(202);

    await expect.poll(() => smtp.received.filter((mail) => mail.to.includes(email)).length).toBe(1);
    const [mail] = smtp.received.filter((message) => message.to.includes(email));
    expect(mail?.from).toBe('shop@mercato.test');
    expect(mail?.raw).toMatch(/^Subject: Confirm your email for Mercato$/m);
    expect(mail?.raw).toMatch(/^Content-Type: multipart\/alternative;/im);
    const parts = mimeParts(mail?.raw ?? '');
    const text = parts.find((part) => part.contentType === 'text/plain')?.body ?? '';
    const html = parts.find((part) => part.contentType === 'text/html')?.body ?? '';
    const token = await latestMailToken(ctx, email, 'auth.verify-email');
    const link = `${ctx.config.PUBLIC_URL}/verify-email?token=${encodeURIComponent(token)}`;
    expect(text).toContain(`Confirm my email: ${link}`);
    expect(text).toContain('— Mercato');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`href="${link}"`);

    await expect.poll(async () => (await mailRepoOf(ctx).listTo(email))[0]?.status).toBe('sent');
  });

  it('when the SMTP server answers with a temporary failure, then delivery is retried and succeeds', async () => {
    const before = smtp.attempts();
    smtp.failNext(1);

    const id = await ctx.app.mailer.send({
      to: 'retry@example.com',
      subject: 'Retried',
      text: 'Second time lucky',
      html: '<p>Second time lucky</p>',
      tag: 'test.smtp-retry',
    });

    await expect.poll(() => smtp.received.filter((mail) => mail.to.includes('retry@example.com')).length).toBe(1);
    expect(smtp.attempts() - before).toBe(2);
    await expect
      .poll(async () => (await ctx.db.collection(MAIL_COLLECTION).findOne({ tag: 'test.smtp-retry' }))?.status)
      .toBe('sent');
    const stored = await ctx.db.collection(MAIL_COLLECTION).findOne({ tag: 'test.smtp-retry' });
    expect(stored?._id.toHexString()).toBe(id);
    expect(stored?.attempts).toBe(2);
    expect(stored?.lastError).toMatch(/451/);
  });
});
