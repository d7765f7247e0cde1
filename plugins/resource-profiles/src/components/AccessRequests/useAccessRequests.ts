import { useApi } from '@backstage/core-plugin-api';
import { AccessRequestQuery } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { resourceProfilesApiRef } from '../../api';

/**
 * One page of access requests; keeps the previous page while the next
 * loads, and `retry` reloads after an action.
 */
export function useAccessRequests(query: AccessRequestQuery) {
  const api = useApi(resourceProfilesApiRef);
  const key = JSON.stringify(query);
  return useAsyncRetry(
    () => api.getAccessRequests(JSON.parse(key) as AccessRequestQuery),
    [api, key],
  );
}
