import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError } from '../../../lib/api-error.js';
import { dropSession } from '../session/session-controller.js';
import { sessionStore } from '../session/session-store.js';

function isRevoked(error: unknown): boolean {
  // The API client refreshes on TOKEN_INVALID; SESSION_REVOKED (signed out elsewhere, password changed on another
  // device, account disabled) cannot be refreshed, so the session is over.
  return error instanceof ApiError && error.code === 'SESSION_REVOKED';
}

/**
 * Keeps server state in step with the session: cached data of one user is dropped when they sign out or another
 * user signs in, and a query or mutation answered "session revoked" signs the browser out.
 */
export function useSessionSync(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    let userId = sessionStore.getState().user?.id ?? null;
    const stopStore = sessionStore.subscribe((state) => {
      const nextId = state.user?.id ?? null;
      if (userId !== null && nextId !== userId) queryClient.removeQueries();
      userId = nextId;
    });
    const stopQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && isRevoked(event.action.error)) dropSession();
    });
    const stopMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && isRevoked(event.action.error)) dropSession();
    });
    return () => {
      stopStore();
      stopQueries();
      stopMutations();
    };
  }, [queryClient]);
}
