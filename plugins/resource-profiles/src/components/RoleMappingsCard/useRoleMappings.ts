import { useApi } from '@backstage/core-plugin-api';
import { RoleMappingQuery } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import useAsync from 'react-use/esm/useAsync';
import { resourceProfilesApiRef } from '../../api';

/** One page of an entity's role mappings; keeps the previous page while the next loads. */
export function useRoleMappings(entityRef: string, query: RoleMappingQuery) {
  const api = useApi(resourceProfilesApiRef);
  const key = JSON.stringify(query);
  return useAsync(
    () => api.getRoleMappings(entityRef, JSON.parse(key) as RoleMappingQuery),
    [api, entityRef, key],
  );
}
