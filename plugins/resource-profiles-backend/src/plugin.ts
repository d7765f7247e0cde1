import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  resourceProfilesPermissions,
  violationAcceptRiskPermission,
  violationReadPermission,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import {
  GrantActuator,
  resourceProfilesActuatorExtensionPoint,
  violationPermissionResourceRef,
  violationRules,
} from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { AccessRequestService } from './access/AccessRequestService';
import { readAccessConfig } from './access/accessConfig';
import { DatabaseAccessRequestStore } from './access/DatabaseAccessRequestStore';
import { GrantRiskEvaluator } from './access/GrantRiskEvaluator';
import { GrantWorker } from './access/GrantWorker';
import { readActuator } from './actuators/readActuator';
import { AuditLog } from './audit/AuditLog';
import { DatabaseProfileStore } from './database/DatabaseProfileStore';
import { DatabaseSnapshotStore } from './database/DatabaseSnapshotStore';
import { DatabaseViolationStore } from './database/DatabaseViolationStore';
import { readProfileConfig } from './profiles/profileConfig';
import { ProfileService } from './profiles/ProfileService';
import { createRouter } from './router';
import { readSchedule } from './schedule';
import { Authorizer } from './service/Authorizer';
import { readSourceConfigs } from './sources/sourceConfig';
import { readAnalysisConfig } from './sync/analysisConfig';
import { SyncService } from './sync/SyncService';

const REFRESH_TASK = 'resource-profiles:refresh-profiles';
const ANALYZE_TASK = 'resource-profiles:analyze';
const GRANTS_TASK = 'resource-profiles:grants';
const syncTaskId = (sourceId: string) => `resource-profiles:sync:${sourceId}`;

/**
 * The Resource Profiles backend: resolves profiles, syncs IAM and IaC sources,
 * and serves the REST API under /api/resource-profiles.
 *
 * @public
 */
export const resourceProfilesPlugin = createBackendPlugin({
  pluginId: 'resource-profiles',
  register(env) {
    let customActuator: GrantActuator | undefined;
    env.registerExtensionPoint(resourceProfilesActuatorExtensionPoint, {
      setActuator(actuator) {
        customActuator = actuator;
      },
    });
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
        urlReader: coreServices.urlReader,
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, scheduler } = deps;
        const profileConfig = readProfileConfig(config);
        const sources = readSourceConfigs(config);

        const profileStore = await DatabaseProfileStore.create({ database: deps.database });
        const client = await deps.database.getClient();
        const snapshots = DatabaseSnapshotStore.create({ client });
        const violations = DatabaseViolationStore.create({ client });
        const audit = AuditLog.create({ client });
        const analysisConfig = readAnalysisConfig(config);
        const accessConfig = readAccessConfig(config);
        const configuredActuator = readActuator(config, logger);

        const profiles = new ProfileService({
          catalog: deps.catalog,
          store: profileStore,
          tagsOf: arn => snapshots.inventoryTags(arn),
          auth: deps.auth,
          logger,
          config: profileConfig,
        });
        const sync = new SyncService({
          sources,
          store: snapshots,
          reader: deps.urlReader,
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
          analysis: analysisConfig,
          tagKeys: profileConfig.tagKeys,
          audit,
        });
        const accessStore = DatabaseAccessRequestStore.create({ client, audit });
        const grants = new GrantWorker({
          store: accessStore,
          actuator: () => customActuator ?? configuredActuator,
          logger,
          platformTeam: accessConfig.platformTeam,
        });
        const requests = new AccessRequestService({
          store: accessStore,
          profiles,
          catalog: deps.catalog,
          auth: deps.auth,
          userInfo: deps.userInfo,
          risks: new GrantRiskEvaluator({
            store: snapshots,
            sourceIds: sources.map(s => s.id),
            rules: analysisConfig.rules,
          }),
          grants,
          notifications: deps.notifications,
          logger,
          config: accessConfig,
        });
        grants.setNotifier((recipients, title, request, severity) =>
          requests.notify(recipients, title, request, severity),
        );

        deps.permissionsRegistry.addPermissions(resourceProfilesPermissions);
        deps.permissionsRegistry.addResourceType({
          resourceRef: violationPermissionResourceRef,
          permissions: [violationReadPermission, violationAcceptRiskPermission],
          rules: violationRules,
          getResources: async ids => {
            const now = new Date();
            return Promise.all(ids.map(id => violations.getViolation(id, now)));
          },
        });

        await scheduler.scheduleTask({
          id: REFRESH_TASK,
          scope: 'global',
          ...readSchedule(config, 'resourceProfiles.refresh.schedule'),
          fn: async () => {
            await profiles.refreshAll();
          },
        });
        /** Starts a task now unless it is already running, which serves as well. */
        const trigger = async (id: string) => {
          await scheduler.triggerTask(id).catch(error => {
            if (!isError(error) || error.name !== 'ConflictError') throw error;
          });
        };
        // Periodic re-analysis; each source's sync also analyses and commits.
        await scheduler.scheduleTask({
          id: ANALYZE_TASK,
          scope: 'global',
          ...readSchedule(config, 'resourceProfiles.analysis.schedule'),
          fn: async () => {
            await sync.analyze();
          },
        });
        for (const source of sources) {
          await scheduler.scheduleTask({
            id: syncTaskId(source.id),
            scope: 'global',
            ...source.schedule,
            fn: async () => {
              await sync.syncSource(source.id);
            },
          });
        }

        // Grants, expiries, lapses and reminders: one replica per run, each row claimed.
        await scheduler.scheduleTask({
          id: GRANTS_TASK,
          scope: 'global',
          ...readSchedule(config, 'resourceProfiles.access.schedule'),
          fn: async () => {
            await grants.runDue();
          },
        });

        deps.httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        deps.httpRouter.use(
          await createRouter({
            authorizer: new Authorizer(deps.httpAuth, deps.permissions, deps.permissionsRegistry),
            profiles,
            snapshots,
            violations,
            requests,
            audit,
            triggerSync: async () => {
              // Through the scheduler, so that exactly one replica runs each task.
              for (const source of sources) await trigger(syncTaskId(source.id));
              await trigger(REFRESH_TASK);
            },
          }),
        );
      },
    });
  },
});
