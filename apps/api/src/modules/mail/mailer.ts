import type { Job } from 'bullmq';
import { ObjectId } from 'mongodb';
import { createTransport, type Transporter } from 'nodemailer';
import type { JobQueue } from '../../plugins/jobs.js';
import type { MailRepo } from './repo.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  tag: string;
  /** Sends at most once per key, however often the caller runs (e.g. `order.confirmation:<orderId>`). */
  dedupeKey?: string;
}

export interface Mailer {
  /** True when there is no SMTP server: messages land in the development outbox (viewable by admins). */
  readonly isOutbox: boolean;
  /**
   * Records the message durably, then delivers it (SMTP through a retried job) or keeps it in the outbox.
   * Resolves to the message id, or null when a message with the same dedupe key was already recorded.
   */
  send(message: MailMessage): Promise<string | null>;
}

export const DELIVER_MAIL_JOB = 'mail.deliver';

/**
 * Every message is written to MongoDB first, so a crash between "decide to send" and "sent" loses nothing; with
 * SMTP configured a job delivers it and retries on failure.
 */
export function createMailer(options: {
  repo: MailRepo;
  jobs: JobQueue;
  smtpUrl: string | undefined;
  from: string;
}): Mailer {
  const { repo, jobs, smtpUrl, from } = options;
  const transporter: Transporter | undefined = smtpUrl ? createTransport(smtpUrl) : undefined;

  if (transporter) {
    jobs.define<{ messageId: string }>(DELIVER_MAIL_JOB, async (data, job: Job) => {
      const id = new ObjectId(data.messageId);
      const message = await repo.findById(id);
      if (!message || message.status === 'sent') return;
      if (message.text === null) {
        await repo.markAttemptFailed(id, 'the body was purged before delivery', true);
        return;
      }
      try {
        await transporter.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html ?? undefined,
        });
        await repo.markSent(id);
      } catch (error) {
        const isFinal = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        await repo.markAttemptFailed(id, error instanceof Error ? error.message : String(error), isFinal);
        throw error;
      }
    });
  }

  return {
    isOutbox: transporter === undefined,
    async send(message) {
      // RFC 2606's reserved `.invalid`: the address an erased shopper's orders carry; nothing is ever sent there.
      if (message.to.endsWith('.invalid') || message.to.endsWith('@invalid')) return null;
      const id = await repo.insert({
        ...message,
        status: transporter ? 'queued' : 'stored',
        attempts: 0,
        createdAt: new Date(),
      });
      if (!id) return null;
      if (transporter)
        await jobs.enqueue(DELIVER_MAIL_JOB, { messageId: id.toHexString() }, { jobId: `mail-${id.toHexString()}` });
      return id.toHexString();
    },
  };
}
