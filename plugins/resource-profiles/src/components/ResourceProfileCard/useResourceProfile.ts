import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { resourceProfilesApiRef } from '../../api';

/** Loads the profile of an entity, e.g. the one a request is for. */
export function useProfile(entityRef: string) {
  const api = useApi(resourceProfilesApiRef);
  return useAsync(() => api.getProfile(entityRef), [api, entityRef]);
}

/** Loads the profile of the entity on the current page. */
export function useResourceProfile() {
  const { entity } = useEntity();
  return useProfile(stringifyEntityRef(entity));
}
