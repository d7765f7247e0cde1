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
 * below.
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

/** @public The approvals inbox tab: pending requests the user may decide. */
export const approvalsSubPage = SubPageBlueprint.make({
  name: 'approvals',
  params: {
    path: 'approvals',
    title: 'Approvals',
    loader: () =>
      import('./components/Approvals').then(m => (
        <Content>
          <m.ApprovalsInbox />
        </Content>
      )),
  },
});

/** @public The user's own access requests, across resources. */
export const myRequestsSubPage = SubPageBlueprint.make({
  name: 'my-requests',
  params: {
    path: 'my-requests',
    title: 'My requests',
    loader: () =>
      import('./components/AccessRequests').then(m => (
        <Content>
          <m.MyAccessRequests />
        </Content>
      )),
  },
});

/** @public Break-glass activations whose review is still open. */
export const breakGlassReviewsSubPage = SubPageBlueprint.make({
  name: 'break-glass-reviews',
  params: {
    path: 'break-glass-reviews',
    title: 'Break-glass reviews',
    loader: () =>
      import('./components/BreakGlassReviews').then(m => (
        <Content>
          <m.BreakGlassReviews />
        </Content>
      )),
  },
});

/** @public The audit trail with its chain verification and exports. */
export const auditLogSubPage = SubPageBlueprint.make({
  name: 'audit',
  params: {
    path: 'audit',
    title: 'Audit log',
    loader: () =>
      import('./components/AuditLog').then(m => (
        <Content>
          <m.AuditLogViewer />
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
    approvalsSubPage,
    myRequestsSubPage,
    breakGlassReviewsSubPage,
    auditLogSubPage,
    syncStatusSubPage,
  ],
});
