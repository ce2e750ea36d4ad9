import { shopperStateCacheOf } from '../../plugins/shopper-cache.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ObjectId } from 'mongodb';
import { AppError } from '../../lib/app-error.js';
import { createUsersRepo } from '../users/repo.js';
import type { Actor } from './repo.js';

/** The signed-in admin making a change, for the audit log. */
export async function actorOf(app: FastifyInstance, request: FastifyRequest): Promise<Actor> {
  if (!request.auth) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  const user = await createUsersRepo(app.mongo.db, app.personalData, shopperStateCacheOf(app)).findById(
    new ObjectId(request.auth.userId),
  );
  return { id: request.auth.userId, email: user?.email ?? 'unknown' };
}
