import type { CommandStartedEvent } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser } from '../test-support/auth.test-support.js';
import { createProduct } from '../test-support/catalog.test-support.js';
import { addToCart } from '../test-support/checkout.test-support.js';
import { startTestApp, type TestApp } from '../test-support/harness.test-support.js';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await startTestApp({ MONGODB_MONITOR_COMMANDS: 'true' });
});
afterAll(() => ctx.close());

const WRITES = new Set(['insert', 'update', 'delete', 'findAndModify']);

describe('how the app writes to MongoDB', () => {
  it('when the app writes, then every write asks for a majority acknowledgement and is retryable (a transaction number)', async () => {
    const seen: CommandStartedEvent[] = [];
    const listener = (event: CommandStartedEvent) => {
      if (WRITES.has(event.commandName)) seen.push(event);
    };
    ctx.app.mongo.client.on('commandStarted', listener);
    try {
      const admin = await signedInUser(ctx, { role: 'admin' });
      const product = await createProduct(ctx, admin.accessToken, { name: 'Majority mug', price: 900, stock: 4 });
      await addToCart(ctx, await signedInUser(ctx), product.id, 1);
    } finally {
      ctx.app.mongo.client.off('commandStarted', listener);
    }
    expect(seen.length).toBeGreaterThan(3);
    for (const event of seen) {
      expect(event.command.writeConcern, `${event.commandName} on ${event.command[event.commandName]}`).toMatchObject({
        w: 'majority',
      });
      // Retryable writes carry a transaction number (multi-document updates and deletes are not retryable).
      const isMulti = (event.command.updates ?? event.command.deletes ?? []).some(
        (statement: { multi?: boolean; limit?: number }) => statement.multi === true || statement.limit === 0,
      );
      if (!isMulti) expect(event.command.txnNumber, event.commandName).toBeDefined();
    }
  });
});
