import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createPersonalData, type PersonalData } from '../lib/personal-data.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Sealing, blind indexes and signed links for personal data (lib/personal-data.ts). */
    personalData: PersonalData;
  }
}

/** Builds the personal-data keys once from the configuration, so every repository seals with the same keys. */
export const personalDataPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate('personalData', createPersonalData(app.config));
  },
  { name: 'personal-data', dependencies: ['config'] },
);
