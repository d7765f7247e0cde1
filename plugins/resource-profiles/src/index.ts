/**
 * Resource Profiles frontend: the entity Access tab and profile card, and
 * the Resource Profiles page (violations dashboard, approvals inbox, my
 * requests, break-glass reviews, audit log, sync status).
 *
 * The default export is the plugin for the new frontend system; the named
 * `resourceProfilesPlugin` and `Entity…` exports serve legacy apps.
 *
 * @packageDocumentation
 */
export { default } from './plugin';
export {
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
} from './plugin';
export {
  resourceProfilesPlugin,
  EntityResourceProfilesContent,
  EntityResourceProfileCard,
  ResourceProfilesPage,
} from './legacy';
export { resourceProfilesApiRef } from './api';
export { rootRouteRef } from './routes';
export { hasResourceProfile as isResourceProfileAvailable } from '@resource-profiles/backstage-plugin-resource-profiles-common';
