import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useToast } from '../../../components/ui/toast-context.js';
import { signOut } from '../session/session-controller.js';

/** Signs out everywhere in this browser and goes to the home page (leaving a protected page first, not after). */
export function useSignOut(): () => Promise<void> {
  const navigate = useNavigate();
  const toast = useToast();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await navigate('/');
    // Signed-in queries are disabled once the session is dropped; the ones already fetching are aborted.
    await signOut(() => queryClient.cancelQueries());
    toast.show({ title: 'You are signed out', tone: 'success' });
  }, [navigate, toast, queryClient]);
}
