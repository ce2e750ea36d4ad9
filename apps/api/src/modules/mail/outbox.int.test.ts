import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { mailRepoOf } from '../../test-support/mail.test-support.js';
import { MAIL_COLLECTION } from './repo.js';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

describe('the development outbox', () => {
  it('when no SMTP_URL is configured, then a sent message is stored in the outbox with its content', async () => {
    expect(ctx.app.mailer.isOutbox).toBe(true);
    const id = await ctx.app.mailer.send({
      to: 'ada@example.com',
      subject: 'Your order',
      text: 'Thanks for your order',
      html: '<p>Thanks for your order</p>',
      tag: 'test.outbox',
    });
    const stored = await ctx.db.collection(MAIL_COLLECTION).findOne({ tag: 'test.outbox' });
    expect(stored?._id.toHexString()).toBe(id);
    // Recipient and body are sealed at rest; the delivery log's subject and status are not.
    expect(stored).toMatchObject({ subject: 'Your order', status: 'stored' });
    expect(JSON.stringify(stored)).not.toMatch(/ada@example\.com|Thanks for your order/);
    expect(stored?.createdAt).toBeInstanceOf(Date);
    const opened = await mailRepoOf(ctx).findById(stored!._id);
    expect(opened).toMatchObject({ to: 'ada@example.com', text: 'Thanks for your order' });
  });
});
