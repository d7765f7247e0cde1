import { createRouteRef } from '@backstage/core-plugin-api';

/** @public The entity page's Access tab. */
export const entityAccessRouteRef = createRouteRef({
  id: 'resource-profiles:entity-access',
});

/** @public The Resource Profiles page: violations dashboard and sync status. */
export const rootRouteRef = createRouteRef({
  id: 'resource-profiles',
});
