import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * The OpenAPI document is generated from the same zod schemas that validate requests and serialise responses,
 * so it cannot drift from the code. Served at /api/openapi.json, browsable at /api/docs.
 */
export const openapiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Mercato API',
          version: '1.0.0',
          description:
            'Storefront and admin API of Mercato. Errors are RFC 9457 problem documents (application/problem+json) with a stable `code`.',
        },
        servers: [{ url: app.config.PUBLIC_URL }],
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
        tags: [
          { name: 'system', description: 'Health and readiness' },
          { name: 'auth', description: 'Accounts, sessions and tokens' },
          { name: 'catalog', description: 'Products and categories' },
          { name: 'cart', description: 'Cart and coupons' },
          { name: 'checkout', description: 'Checkout and payment' },
          { name: 'orders', description: 'Orders' },
          { name: 'admin', description: 'Admin-only operations' },
        ],
      },
      transform: jsonSchemaTransform,
    });
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      staticCSP: true,
      uiConfig: { docExpansion: 'list', deepLinking: true },
    });
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi', dependencies: ['config'] },
);
