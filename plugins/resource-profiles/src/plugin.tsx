import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  hasResourceProfile,
  ResourceProfilesClient,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { Content } from '@backstage/core-components';
import SecurityIcon from '@material-ui/icons/Security';
import { resourceProfilesApiRef } from './api';
import { rootRouteRef } from './routes';

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
 * The Resource Profiles page and its nav item; its tabs are the sub-pages
 * below (and later the approvals inbox, my requests and the audit log).
 *
 * @public
 */
export const resourceProfilesPage = PageBlueprint.make({
  params: {
    path: '/resource-profiles',
    title: 'Resource Profiles',
    icon: <SecurityIcon />,
    routeRef: rootRouteRef,
  },
});

/** @public The violations dashboard tab. */
export const violationsSubPage = SubPageBlueprint.make({
  name: 'violations',
  params: {
    path: 'violations',
    title: 'Violations',
    loader: () =>
      import('./components/ViolationsDashboard').then(m => (
        <Content>
          <m.ViolationsDashboard />
        </Content>
      )),
  },
});

/** @public The sync status tab. */
export const syncStatusSubPage = SubPageBlueprint.make({
  name: 'sync',
  params: {
    path: 'sync',
    title: 'Sync status',
    loader: () =>
      import('./components/SyncStatus').then(m => (
        <Content>
          <m.SyncStatusContent />
        </Content>
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
  title: 'Resource Profiles',
  icon: <SecurityIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    resourceProfilesApi,
    entityAccessContent,
    entityResourceProfileCard,
    resourceProfilesPage,
    violationsSubPage,
    syncStatusSubPage,
  ],
});
