import type { FastifyRequest } from 'fastify';
import { ObjectId, type Db } from 'mongodb';
import { AppError } from '../../lib/app-error.js';
import { createUsersRepo } from '../users/repo.js';
import type { Actor } from './repo.js';

/** The signed-in admin making a change, for the audit log. */
export async function actorOf(db: Db, request: FastifyRequest): Promise<Actor> {
  if (!request.auth) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  const user = await createUsersRepo(db).findById(new ObjectId(request.auth.userId));
  return { id: request.auth.userId, email: user?.email ?? 'unknown' };
}
