import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { resourceProfilesPermissions } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { DatabaseProfileStore } from './database/DatabaseProfileStore';
import { readProfileConfig } from './profiles/profileConfig';
import { ProfileService } from './profiles/ProfileService';
import { createRouter } from './router';
import { readRefreshSchedule } from './schedule';

/**
 * The Resource Profiles backend: resolves profiles, syncs IAM and IaC sources,
 * and serves the REST API under /api/resource-profiles.
 *
 * @public
 */
export const resourceProfilesPlugin = createBackendPlugin({
  pluginId: 'resource-profiles',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const store = await DatabaseProfileStore.create({
          database: deps.database,
        });
        const profiles = new ProfileService({
          catalog: deps.catalog,
          store,
          auth: deps.auth,
          logger: deps.logger,
          config: readProfileConfig(deps.config),
        });

        deps.permissionsRegistry.addPermissions(resourceProfilesPermissions);

        await deps.scheduler.scheduleTask({
          id: 'resource-profiles:refresh-profiles',
          scope: 'global',
          ...readRefreshSchedule(deps.config),
          fn: async () => {
            await profiles.refreshAll();
          },
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            profiles,
          }),
        );
      },
    });
  },
});
