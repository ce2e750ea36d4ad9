import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ensureIndexes } from '../lib/mongo-indexes.js';
import { createMailer, type Mailer } from '../modules/mail/mailer.js';
import { createMailRepo, mailIndexes } from '../modules/mail/repo.js';

declare module 'fastify' {
  interface FastifyInstance {
    mailer: Mailer;
  }
}

/** SMTP when SMTP_URL is set; otherwise the development outbox in MongoDB. */
export const mailerPlugin = fp(
  async (app: FastifyInstance) => {
    await ensureIndexes(app.mongo.db, [mailIndexes]);
    const mailer = createMailer({
      repo: createMailRepo(app.mongo.db, app.personalData),
      jobs: app.jobs,
      smtpUrl: app.config.SMTP_URL,
      from: app.config.MAIL_FROM,
    });
    app.decorate('mailer', mailer);
  },
  { name: 'mailer', dependencies: ['mongo', 'jobs', 'personal-data'] },
);
