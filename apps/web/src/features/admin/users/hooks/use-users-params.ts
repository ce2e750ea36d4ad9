import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { parseUsersParams, toUsersSearchParams, type UsersState } from '../lib/users-params.js';

/** Search, role, status and page of the users list, kept in the URL (shareable, back/forward work). */
export function useUsersParams(): [UsersState, (change: Partial<UsersState>) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseUsersParams(params), [params]);
  const update = useCallback(
    (change: Partial<UsersState>) => setParams(toUsersSearchParams(state, change), { preventScrollReset: true }),
    [setParams, state],
  );
  return [state, update];
}
