import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  hasResourceProfile,
  ResourceProfilesClient,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { resourceProfilesApiRef } from './api';

/** @public */
export const resourceProfilesApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: resourceProfilesApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ResourceProfilesClient({ discoveryApi, fetchApi }),
    }),
});

/** @public The Access tab on entities that have a resource profile. */
export const entityAccessContent = EntityContentBlueprint.make({
  name: 'access',
  params: {
    path: '/access',
    title: 'Access',
    filter: hasResourceProfile,
    loader: () =>
      import('./components/EntityAccessContent').then(m => (
        <m.EntityAccessContent />
      )),
  },
});

/** @public Profile summary on the entity overview. */
export const entityResourceProfileCard = EntityCardBlueprint.make({
  name: 'profile',
  params: {
    type: 'info',
    filter: hasResourceProfile,
    loader: () =>
      import('./components/ResourceProfileCard').then(m => (
        <m.ResourceProfileCard variant="summary" />
      )),
  },
});

/**
 * Resource Profiles for apps on the new frontend system.
 *
 * @public
 */
export default createFrontendPlugin({
  pluginId: 'resource-profiles',
  info: { packageJson: () => import('../package.json') },
  extensions: [resourceProfilesApi, entityAccessContent, entityResourceProfileCard],
});
