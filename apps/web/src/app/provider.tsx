import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ToastProvider } from '../components/ui/toast-provider.js';
import { SessionSync } from '../features/auth/components/session-sync.js';
import { createQueryClient } from '../lib/query-client.js';
import { CartSession } from './cart-session.js';

/** App-wide context: server state (TanStack Query) and toasts. Features add providers here, not in their own trees. */
export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <SessionSync />
      <CartSession />
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
