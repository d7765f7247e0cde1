import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  resourceProfileReadPermission,
  resourceProfilesSyncPermission,
  violationAcceptRiskPermission,
  violationReadPermission,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { ResourceProfilesPermissionPolicy } from './ResourceProfilesPermissionPolicy';

const memberships: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', 'group:default/platform-team'],
  'user:default/guest': ['user:default/guest', 'group:default/payments'],
};

const userInfo = mockServices.userInfo.mock({
  getUserInfo: async credentials => {
    const userEntityRef = (credentials.principal as { userEntityRef: string }).userEntityRef;
    return { userEntityRef, ownershipEntityRefs: memberships[userEntityRef] ?? [] };
  },
});

const policy = new ResourceProfilesPermissionPolicy({
  userInfo,
  platformTeamRef: 'group:default/platform-team',
  securityTeamRef: 'group:default/security',
});

function asUser(ref: string) {
  return {
    credentials: mockCredentials.user(ref),
    info: { userEntityRef: ref, ownershipEntityRefs: [] },
  };
}

describe('ResourceProfilesPermissionPolicy', () => {
  it('lets platform-team members trigger a sync', async () => {
    const decision = await policy.handle(
      { permission: resourceProfilesSyncPermission },
      asUser('user:default/alice'),
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('denies a sync to everyone else, and to callers without a user', async () => {
    await expect(
      policy.handle({ permission: resourceProfilesSyncPermission }, asUser('user:default/guest')),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      policy.handle({ permission: resourceProfilesSyncPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('shows the platform team every violation', async () => {
    const decision = await policy.handle(
      { permission: violationReadPermission },
      asUser('user:default/alice'),
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it("limits everyone else to their own groups' violations", async () => {
    const decision = await policy.handle(
      { permission: violationReadPermission },
      asUser('user:default/guest'),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'resource-profiles',
      resourceType: 'resource-profiles-violation',
      conditions: {
        rule: 'IS_OWNED_BY',
        resourceType: 'resource-profiles-violation',
        params: { owners: ['user:default/guest', 'group:default/payments'] },
      },
    });
  });

  it('lets only platform and security accept risks', async () => {
    await expect(
      policy.handle({ permission: violationAcceptRiskPermission }, asUser('user:default/guest')),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      policy.handle({ permission: violationAcceptRiskPermission }, asUser('user:default/alice')),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets any signed-in user read profiles', async () => {
    const decision = await policy.handle(
      { permission: resourceProfileReadPermission },
      asUser('user:default/guest'),
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });
});
