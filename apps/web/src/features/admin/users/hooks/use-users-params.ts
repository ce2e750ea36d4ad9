import { useUrlState } from '../../../../lib/use-url-state.js';
import { parseUsersParams, toUsersSearchParams, type UsersState } from '../lib/users-params.js';

/** Search, role, status and page of the users list, kept in the URL (shareable, back/forward work). */
export function useUsersParams(): [UsersState, (change: Partial<UsersState>) => void] {
  return useUrlState(parseUsersParams, toUsersSearchParams);
}
