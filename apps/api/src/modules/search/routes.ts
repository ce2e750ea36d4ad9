import {
  SUGGEST_LIMIT,
  ZSearchQuerySchema,
  ZSearchResponseSchema,
  ZSuggestQuerySchema,
  ZSuggestResponseSchema,
} from '@mercato/shared';
import { validatorCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { memoisedValidatorCompiler } from '../../lib/memoised-validator.js';
import { sendJson } from '../catalog/routes-store.js';
import type { SearchService } from './service.js';

const tags = ['search'];

/** Storefront search: the results page and the header's suggestions; cached answers are sent as stored bytes. */
export function searchRoutes(search: SearchService): FastifyPluginAsyncZod {
  return async (app) => {
    // Shoppers repeat the same queries all day (and suggestions repeat every prefix): validate each distinct one once.
    app.setValidatorCompiler(memoisedValidatorCompiler(validatorCompiler));
    app.get(
      '/api/search',
      {
        schema: {
          tags,
          summary: 'Search products: prefix and typo tolerant, ranked, with facet counts and "did you mean"',
          querystring: ZSearchQuerySchema,
          response: { 200: ZSearchResponseSchema },
        },
      },
      async (request, reply) => sendJson(request, reply, await search.search(request.query)),
    );
    app.get(
      '/api/search/suggest',
      {
        schema: {
          tags,
          summary: 'Instant suggestions while typing: the best few products and matching categories',
          querystring: ZSuggestQuerySchema,
          response: { 200: ZSuggestResponseSchema },
        },
      },
      async (request, reply) => sendJson(request, reply, await search.suggest(request.query.q, SUGGEST_LIMIT)),
    );
  };
}
