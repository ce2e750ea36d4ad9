import { createPersonalData } from '../lib/personal-data.js';
import { createMailRepo, type MailMessageView, type NewMailMessage } from '../modules/mail/repo.js';
import type { TestApp } from './harness.test-support.js';

type Shop = Pick<TestApp, 'db'> & { config: TestApp['config'] };

/** The app's own mail repository on the test's connection: stored emails are sealed, so tests read them through it. */
export function mailRepoOf(ctx: Shop) {
  return createMailRepo(ctx.db, createPersonalData(ctx.config));
}

/** The latest email to `to` with `tag`, opened, or null. */
export async function latestMail(ctx: Shop, to: string, tag: string): Promise<MailMessageView | null> {
  const messages = await mailRepoOf(ctx).listTo(to);
  return messages.find((message) => message.tag === tag) ?? null;
}

export async function countMail(ctx: Shop, to: string, tag: string): Promise<number> {
  return (await mailRepoOf(ctx).listTo(to)).filter((message) => message.tag === tag).length;
}

/** Stores a message as the mailer would (arrange step for outbox views). */
export async function storeMail(ctx: Shop, message: Omit<NewMailMessage, 'attempts' | 'createdAt' | 'status'>) {
  const id = await mailRepoOf(ctx).insert({ ...message, status: 'stored', attempts: 0, createdAt: new Date() });
  if (!id) throw new Error('mail not stored');
  return id;
}
