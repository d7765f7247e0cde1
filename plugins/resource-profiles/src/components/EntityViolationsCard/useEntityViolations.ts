import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { resourceProfilesApiRef } from '../../api';

/** A page of the open violations that concern an entity. */
export function useEntityViolations(entityRef: string, offset: number, limit: number) {
  const api = useApi(resourceProfilesApiRef);
  return useAsync(
    () => api.getViolations({ entityRef, status: ['open'], offset, limit }),
    [api, entityRef, offset, limit],
  );
}
