import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { resourceProfilesApiRef } from '../../api';

export function useSyncStatus() {
  const api = useApi(resourceProfilesApiRef);
  return useAsyncRetry(() => api.getSyncStatus(), [api]);
}
