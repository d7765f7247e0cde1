import { createPermission } from '@backstage/plugin-permission-common';

/** @public The permission resource type of violations. */
export const RESOURCE_TYPE_VIOLATION = 'resource-profiles-violation';

/** @public Read an entity's resource profile. */
export const resourceProfileReadPermission = createPermission({
  name: 'resource-profiles.profile.read',
  attributes: { action: 'read' },
});

/** @public Read an entity's role mappings: who can do what to it. */
export const roleMappingReadPermission = createPermission({
  name: 'resource-profiles.role-mapping.read',
  attributes: { action: 'read' },
});

/**
 * @public Read violations. Conditional: a policy can limit each user to the
 * violations of their own groups.
 */
export const violationReadPermission = createPermission({
  name: 'resource-profiles.violation.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_VIOLATION,
});

/** @public Accept the risk of a violation until a date (suppress it). */
export const violationAcceptRiskPermission = createPermission({
  name: 'resource-profiles.violation.accept-risk',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_VIOLATION,
});

/** @public See the status of the IAM and IaC sources. */
export const syncStatusReadPermission = createPermission({
  name: 'resource-profiles.sync.read',
  attributes: { action: 'read' },
});

/** @public Start a sync of the IAM and IaC sources now. */
export const resourceProfilesSyncPermission = createPermission({
  name: 'resource-profiles.sync.trigger',
  attributes: { action: 'update' },
});

/** @public Read the cloud inventory (the catalog module's service calls). */
export const inventoryReadPermission = createPermission({
  name: 'resource-profiles.inventory.read',
  attributes: { action: 'read' },
});

/** @public Request access to an entity's cloud resource (for oneself). */
export const accessRequestCreatePermission = createPermission({
  name: 'resource-profiles.access-request.create',
  attributes: { action: 'create' },
});

/** @public Read access requests; the server still limits each user to requests they are part of. */
export const accessRequestReadPermission = createPermission({
  name: 'resource-profiles.access-request.read',
  attributes: { action: 'read' },
});

/** @public Approve or deny; eligibility (approver groups, SoD) is checked on the server. */
export const accessRequestDecidePermission = createPermission({
  name: 'resource-profiles.access-request.decide',
  attributes: { action: 'update' },
});

/** @public See every access request and revoke any grant (platform team). */
export const accessRequestAdminPermission = createPermission({
  name: 'resource-profiles.access-request.admin',
  attributes: { action: 'update' },
});

/** @public Read, verify and export the audit trail. */
export const auditReadPermission = createPermission({
  name: 'resource-profiles.audit.read',
  attributes: { action: 'read' },
});

/** @public Every permission this plugin defines. */
export const resourceProfilesPermissions = [
  resourceProfileReadPermission,
  roleMappingReadPermission,
  violationReadPermission,
  violationAcceptRiskPermission,
  syncStatusReadPermission,
  resourceProfilesSyncPermission,
  inventoryReadPermission,
  accessRequestCreatePermission,
  accessRequestReadPermission,
  accessRequestDecidePermission,
  accessRequestAdminPermission,
  auditReadPermission,
];
