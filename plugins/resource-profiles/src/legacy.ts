import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ResourceProfilesClient } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { resourceProfilesApiRef } from './api';
import { entityAccessRouteRef, rootRouteRef } from './routes';

/**
 * Resource Profiles for apps on the legacy frontend system.
 *
 * @public
 */
export const resourceProfilesPlugin = createPlugin({
  id: 'resource-profiles',
  apis: [
    createApiFactory({
      api: resourceProfilesApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ResourceProfilesClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef, entityAccess: entityAccessRouteRef },
});

/**
 * The Access tab, for `<EntityLayout.Route path="/access" title="Access">`.
 *
 * @public
 */
export const EntityResourceProfilesContent = resourceProfilesPlugin.provide(
  createRoutableExtension({
    name: 'EntityResourceProfilesContent',
    component: () =>
      import('./components/EntityAccessContent').then(
        m => m.EntityAccessContent,
      ),
    mountPoint: entityAccessRouteRef,
  }),
);

/** @public Profile summary card for the entity overview. */
export const EntityResourceProfileCard = resourceProfilesPlugin.provide(
  createComponentExtension({
    name: 'EntityResourceProfileCard',
    component: {
      lazy: () =>
        import('./components/ResourceProfileCard').then(
          m => m.ResourceProfileCard,
        ),
    },
  }),
);

/**
 * The Resource Profiles page (violations, approvals, my requests, break-glass
 * reviews, audit log, sync status), for
 * `<Route path="/resource-profiles" element={<ResourceProfilesPage />} />`.
 *
 * @public
 */
export const ResourceProfilesPage = resourceProfilesPlugin.provide(
  createRoutableExtension({
    name: 'ResourceProfilesPage',
    component: () =>
      import('./components/ResourceProfilesPage').then(
        m => m.ResourceProfilesPage,
      ),
    mountPoint: rootRouteRef,
  }),
);
