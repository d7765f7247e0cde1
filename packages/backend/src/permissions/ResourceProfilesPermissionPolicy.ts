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
import { resourceProfilesSyncPermission } from '@resource-profiles/backstage-plugin-resource-profiles-common';

/**
 * The portal's permission policy. Members of the platform team may operate
 * Resource Profiles (trigger syncs); everyone else may read.
 */
export class ResourceProfilesPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly options: {
      userInfo: UserInfoService;
      platformTeamRef: string;
    },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, resourceProfilesSyncPermission)) {
      return (await this.isPlatformTeam(user))
        ? { result: AuthorizeResult.ALLOW }
        : { result: AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }

  private async isPlatformTeam(user?: PolicyQueryUser): Promise<boolean> {
    if (!user) {
      return false;
    }
    const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
      user.credentials,
    );
    return ownershipEntityRefs.includes(this.options.platformTeamRef);
  }
}
