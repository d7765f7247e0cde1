import { createRouteRef } from '@backstage/core-plugin-api';

/** @public The entity page's Access tab. */
export const entityAccessRouteRef = createRouteRef({
  id: 'resource-profiles:entity-access',
});
