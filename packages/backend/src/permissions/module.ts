import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { ResourceProfilesPermissionPolicy } from './ResourceProfilesPermissionPolicy';

/** Installs {@link ResourceProfilesPermissionPolicy} as the permission policy. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'resource-profiles-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
      },
      async init({ config, policy, userInfo }) {
        policy.setPolicy(
          new ResourceProfilesPermissionPolicy({
            userInfo,
            platformTeamRef:
              config.getOptionalString('resourceProfiles.platformTeam') ??
              'group:default/platform-team',
            securityTeamRef:
              config.getOptionalString('resourceProfiles.securityTeam') ??
              'group:default/security',
          }),
        );
      },
    });
  },
});
