import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { violationReadPermission } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import {
  createViolationConditionalDecision,
  violationConditions,
} from '@resource-profiles/backstage-plugin-resource-profiles-node';

/**
 * The decision the portal's policy gives a user outside the platform team:
 * all violations for `platformUser`, otherwise only those owned by `owners`.
 */
export function violationDecisionFor(
  userEntityRef: string | undefined,
  platformUser: string,
  owners: string[],
) {
  return userEntityRef === platformUser
    ? { result: AuthorizeResult.ALLOW }
    : createViolationConditionalDecision(
        violationReadPermission,
        violationConditions.isViolationOwnedBy({ owners }),
      );
}
