import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  ENVIRONMENTS,
  RESOURCE_TYPE_VIOLATION,
  SEVERITIES,
  Violation,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { z } from 'zod';

/**
 * A filter on one violation column. The backend turns a tree of these into a
 * database query, so conditional decisions page and count on the server.
 *
 * @public
 */
export type ViolationFilter = {
  column: 'owner' | 'severity' | 'environment' | 'rule';
  values: string[];
};

/** @public Identifies violations to the permission framework. */
export const violationPermissionResourceRef = createPermissionResourceRef<
  Violation,
  ViolationFilter
>().with({ pluginId: 'resource-profiles', resourceType: RESOURCE_TYPE_VIOLATION });

/** @public Violations owned by one of the given groups (e.g. the caller's). */
export const isViolationOwnedBy = createPermissionRule({
  name: 'IS_OWNED_BY',
  description: 'Allow violations whose owning group is one of the given refs',
  resourceRef: violationPermissionResourceRef,
  paramsSchema: z.object({
    owners: z.array(z.string()).describe('Group entity refs, e.g. the claims of the caller'),
  }),
  apply: (violation, { owners }) =>
    violation.owner !== undefined && owners.includes(violation.owner),
  toQuery: ({ owners }) => ({ column: 'owner', values: owners }),
});

/** @public Violations of the given severities. */
export const hasViolationSeverity = createPermissionRule({
  name: 'HAS_SEVERITY',
  description: 'Allow violations of the given severities',
  resourceRef: violationPermissionResourceRef,
  paramsSchema: z.object({ severities: z.array(z.enum(SEVERITIES)) }),
  apply: (violation, { severities }) => severities.includes(violation.severity),
  toQuery: ({ severities }) => ({ column: 'severity', values: severities }),
});

/** @public Violations in the given environments. */
export const isViolationInEnvironment = createPermissionRule({
  name: 'IS_IN_ENVIRONMENT',
  description: 'Allow violations of resources in the given environments',
  resourceRef: violationPermissionResourceRef,
  paramsSchema: z.object({ environments: z.array(z.enum(ENVIRONMENTS)) }),
  apply: (violation, { environments }) =>
    violation.environment !== undefined && environments.includes(violation.environment),
  toQuery: ({ environments }) => ({ column: 'environment', values: environments }),
});

/** @public Every violation rule, for `permissionsRegistry.addResourceType`. */
export const violationRules = [
  isViolationOwnedBy,
  hasViolationSeverity,
  isViolationInEnvironment,
];
