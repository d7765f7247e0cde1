/**
 * Resource Profiles frontend: the entity Access tab and profile card.
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
} from './plugin';
export {
  resourceProfilesPlugin,
  EntityResourceProfilesContent,
  EntityResourceProfileCard,
} from './legacy';
export { resourceProfilesApiRef } from './api';
export { hasResourceProfile as isResourceProfileAvailable } from '@resource-profiles/backstage-plugin-resource-profiles-common';
