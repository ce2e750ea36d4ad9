import { useSessionSync } from '../hooks/use-session-sync.js';

/** Mount once inside the QueryClientProvider: keeps cached server data in step with who is signed in. */
export function SessionSync() {
  useSessionSync();
  return null;
}
