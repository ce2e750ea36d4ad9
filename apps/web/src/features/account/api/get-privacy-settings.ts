import { ZPrivacySettingsSchema, type TPrivacySettings } from '@mercato/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { accountQueryKeys } from './account-query-keys.js';

/** `GET /api/account/privacy`: the marketing choice, whether an export needs the password, retention periods. */
export function getPrivacySettings(signal?: AbortSignal): Promise<TPrivacySettings> {
  return apiFetch('/api/account/privacy', { schema: ZPrivacySettingsSchema, signal });
}

export function privacySettingsQueryOptions() {
  return queryOptions({ queryKey: accountQueryKeys.privacy, queryFn: ({ signal }) => getPrivacySettings(signal) });
}

export function usePrivacySettings() {
  return useQuery(privacySettingsQueryOptions());
}
