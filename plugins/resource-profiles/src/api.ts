import { createApiRef } from '@backstage/core-plugin-api';
import { ResourceProfilesApi } from '@resource-profiles/backstage-plugin-resource-profiles-common';

/** @public The browser's handle on the resource-profiles backend. */
export const resourceProfilesApiRef = createApiRef<ResourceProfilesApi>({
  id: 'plugin.resource-profiles.api',
});
