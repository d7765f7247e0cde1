import { createPermission } from '@backstage/plugin-permission-common';

/** @public Read an entity's resource profile. */
export const resourceProfileReadPermission = createPermission({
  name: 'resource-profiles.profile.read',
  attributes: { action: 'read' },
});

/** @public Start a sync of the IAM and IaC sources now. */
export const resourceProfilesSyncPermission = createPermission({
  name: 'resource-profiles.sync.trigger',
  attributes: { action: 'update' },
});

/** @public Every permission this plugin defines. */
export const resourceProfilesPermissions = [
  resourceProfileReadPermission,
  resourceProfilesSyncPermission,
];
