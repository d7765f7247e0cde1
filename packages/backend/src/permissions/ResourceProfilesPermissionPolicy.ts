import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  accessRequestAdminPermission,
  auditReadPermission,
  resourceProfilesSyncPermission,
  violationAcceptRiskPermission,
  violationReadPermission,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import {
  createViolationConditionalDecision,
  violationConditions,
} from '@resource-profiles/backstage-plugin-resource-profiles-node';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The portal's permission policy:
 * - the platform team operates Resource Profiles (syncs) and sees every violation;
 * - the platform and security teams accept risks and read the audit trail;
 * - the platform team sees every access request and may revoke any grant;
 * - everyone else sees the violations owned by their own groups;
 * - reading profiles, role mappings and the catalog is open to signed-in users.
 */
export class ResourceProfilesPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly options: {
      userInfo: UserInfoService;
      platformTeamRef: string;
      securityTeamRef: string;
    },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (isPermission(permission, resourceProfilesSyncPermission)) {
      return (await this.memberOf(user, [this.options.platformTeamRef])) ? ALLOW : DENY;
    }
    if (isPermission(permission, accessRequestAdminPermission)) {
      return (await this.memberOf(user, [this.options.platformTeamRef])) ? ALLOW : DENY;
    }
    if (
      isPermission(permission, violationAcceptRiskPermission) ||
      isPermission(permission, auditReadPermission)
    ) {
      return (await this.memberOf(user, [
        this.options.platformTeamRef,
        this.options.securityTeamRef,
      ]))
        ? ALLOW
        : DENY;
    }
    if (isPermission(permission, violationReadPermission)) {
      if (!user) return DENY;
      if (await this.memberOf(user, [this.options.platformTeamRef, this.options.securityTeamRef])) {
        return ALLOW;
      }
      const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(user.credentials);
      return createViolationConditionalDecision(
        permission,
        violationConditions.isViolationOwnedBy({ owners: ownershipEntityRefs }),
      );
    }
    return ALLOW;
  }

  private async memberOf(user: PolicyQueryUser | undefined, groups: string[]): Promise<boolean> {
    if (!user) {
      return false;
    }
    const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(user.credentials);
    return groups.some(group => ownershipEntityRefs.includes(group));
  }
}
