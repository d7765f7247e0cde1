import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { resourceProfilesApiRef } from '../../api';

/** Loads the profile of the entity on the current page. */
export function useResourceProfile() {
  const { entity } = useEntity();
  const api = useApi(resourceProfilesApiRef);
  const entityRef = stringifyEntityRef(entity);
  return useAsync(() => api.getProfile(entityRef), [api, entityRef]);
}
