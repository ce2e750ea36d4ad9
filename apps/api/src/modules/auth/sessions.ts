import type { TSession, TUser } from '@mercato/shared';
import { ObjectId } from 'mongodb';
import { AppError, notFound } from '../../lib/app-error.js';
import type { AuthDeps } from './deps.js';
import { toUserDto } from './issue-session.js';

export interface AuthContext {
  userId: string;
  sessionId: string;
}

/** Answers already serialised, per cached profile object (which the users repo keeps while the profile is unchanged). */
const serialisedProfiles = new WeakMap<object, string>();

/**
 * The signed-in user as JSON text, made once per cached profile: the account page and every page load of a signed-in
 * shopper read it, and serialising it through the contract each time cost more than the rest of the request.
 */
export async function getCurrentUserJson(
  deps: AuthDeps,
  auth: AuthContext,
  serialize: (user: TUser) => string,
): Promise<string> {
  const user = await deps.users.profile(new ObjectId(auth.userId));
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in again.');
  const known = serialisedProfiles.get(user);
  if (known !== undefined) return known;
  const json = serialize(toUserDto(user));
  if (Object.isFrozen(user)) serialisedProfiles.set(user, json);
  return json;
}

/** `getCurrentUserJson` in one step, when the profile and its JSON are held in memory; undefined otherwise. */
export function heldCurrentUserJson(deps: AuthDeps, auth: AuthContext): string | undefined {
  const user = deps.users.heldProfile(auth.userId);
  return user && serialisedProfiles.get(user);
}

export async function updateProfile(deps: AuthDeps, auth: AuthContext, name: string): Promise<TUser> {
  const user = await deps.users.setName(new ObjectId(auth.userId), name);
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in again.');
  return toUserDto(user);
}

/** The signed-in user's active sessions (devices), newest activity first. */
export async function listSessions(deps: AuthDeps, auth: AuthContext): Promise<TSession[]> {
  const sessions = await deps.sessions.listActive(new ObjectId(auth.userId));
  return sessions.map((session) => ({
    id: session._id.toHexString(),
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    ...deps.sessions.deviceOf(session),
    isCurrent: session._id.toHexString() === auth.sessionId,
  }));
}

/** Signs out every other device of the user; the current session stays. Resolves to how many ended. */
export async function revokeOtherSessions(deps: AuthDeps, auth: AuthContext): Promise<number> {
  return deps.sessions.revokeAllForUser(new ObjectId(auth.userId), 'signed out by user', new ObjectId(auth.sessionId));
}

/** Revokes one of the user's own sessions; someone else's session is indistinguishable from a missing one. */
export async function revokeSession(deps: AuthDeps, auth: AuthContext, sessionId: string): Promise<void> {
  const session = await deps.sessions.findById(new ObjectId(sessionId));
  if (!session || session.userId.toHexString() !== auth.userId || session.revokedAt) throw notFound('Session');
  await deps.sessions.revoke(session._id, 'revoked by user');
}
