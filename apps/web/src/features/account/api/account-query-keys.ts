/** Query keys of the signed-in user's own data; the session sync drops them all when the user changes. */
export const accountQueryKeys = {
  all: ['account'] as const,
  me: ['account', 'me'] as const,
  sessions: ['account', 'sessions'] as const,
  coupons: ['account', 'coupons'] as const,
  privacy: ['account', 'privacy'] as const,
};
