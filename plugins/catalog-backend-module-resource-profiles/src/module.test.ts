import {
  coreServices,
  createBackendPlugin,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { CloudInventoryPage } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { catalogModuleResourceProfiles } from './module';
import { entityNameForItem } from './naming';
import { inventoryItem, roleItem } from './__testUtils__/items';

jest.setTimeout(60_000);

const kms = inventoryItem({
  arn: 'arn:aws:kms:us-east-1:314159265358:key/1',
  type: 'kms-key',
  name: 'ledger-key',
});
const db = inventoryItem({ dependsOn: [kms.arn] });
const role = roleItem('ledger-app', {
  tags: { owner: 'payments', environment: 'prod' },
  dependsOn: [db.arn],
});
const planned = roleItem('risky-new-role', { planned: true });

/** Stands in for the resource-profiles backend: `GET /inventory`, service callers only. */
const fakeResourceProfilesBackend = createBackendPlugin({
  pluginId: 'resource-profiles',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ httpRouter, httpAuth }) {
        httpRouter.use(async (req: any, res: any, next: any) => {
          if (req.path !== '/inventory') return next();
          try {
            await httpAuth.credentials(req, { allow: ['service'] });
          } catch {
            return res.status(403).json({ error: 'service callers only' });
          }
          const page: CloudInventoryPage = {
            items: [db, kms, role, planned],
            snapshotId: 1,
          };
          return res.json(page);
        });
      },
    });
  },
});

describe('catalogModuleResourceProfiles', () => {
  const mockDir = createMockDirectory();

  it('puts provided entities into the real catalog and enriches the hand-written one', async () => {
    mockDir.setContent({
      'catalog-info.yaml': `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: payments-ledger-db
  annotations:
    resource-profiles.io/arn: ${db.arn}
    resource-profiles.io/data-classification: confidential
spec: { type: rds-instance, owner: payments }
`,
    });
    const scheduler = mockServices.scheduler() as SchedulerService & {
      factory(options: {
        skipTaskRunOnStartup: boolean;
      }): ServiceFactory<SchedulerService, 'plugin'>;
    };
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleResourceProfiles,
        fakeResourceProfilesBackend,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [{ allow: ['Group', 'Resource', 'Location'] }],
              locations: [
                { type: 'file', target: mockDir.resolve('catalog-info.yaml') },
              ],
            },
          },
        }),
      ],
    });
    const baseUrl = `http://localhost:${server.port()}/api/catalog`;
    const getEntity = async (ref: string): Promise<Entity | undefined> => {
      const response = await fetch(`${baseUrl}/entities/by-name/${ref}`, {
        headers: { Authorization: mockCredentials.user.header() },
      });
      return response.ok ? response.json() : undefined;
    };
    const eventually = async <T>(
      read: () => Promise<T | undefined>,
      ready: (value: T) => boolean = () => true,
    ): Promise<T> => {
      for (const started = Date.now(); Date.now() - started < 45_000; ) {
        const value = await read();
        if (value !== undefined && ready(value)) return value;
        await new Promise(resolve => setTimeout(resolve, 200));
      }
      throw new Error('timed out');
    };

    // The hand-written entity and the group are in the catalog first…
    await eventually(() => getEntity('resource/default/payments-ledger-db'));
    await eventually(() => getEntity('group/default/payments'));
    // …then the provider's task runs.
    await scheduler.triggerTask('resource-profiles-entity-provider:refresh');

    const roleName = entityNameForItem(role);
    const provided = await eventually(() =>
      getEntity(`resource/default/${roleName}`),
    );
    expect(provided.spec).toMatchObject({
      type: 'iam-role',
      owner: 'group:default/payments',
      dependsOn: ['resource:default/payments-ledger-db'],
    });
    expect(provided.relations).toEqual(
      expect.arrayContaining([
        {
          type: 'ownedBy',
          targetRef: 'group:default/payments',
        },
        {
          type: 'dependsOn',
          targetRef: 'resource:default/payments-ledger-db',
        },
      ]),
    );

    // The hand-written ARN is not provided again, and the planned role not at all.
    const response = await fetch(
      `${baseUrl}/entities?filter=kind=resource&fields=metadata.name,metadata.annotations`,
      { headers: { Authorization: mockCredentials.user.header() } },
    );
    const resources: Entity[] = await response.json();
    expect(
      resources
        .filter(
          e => e.metadata.annotations?.['resource-profiles.io/arn'] === db.arn,
        )
        .map(e => e.metadata.name),
    ).toEqual(['payments-ledger-db']);
    expect(
      resources.map(e => e.metadata.annotations?.['resource-profiles.io/arn']),
    ).not.toContain(planned.arn);

    // The hand-written entity gains what its tags say, keeping what its author wrote.
    const enriched = await eventually(
      () => getEntity('resource/default/payments-ledger-db'),
      entity =>
        entity.metadata.annotations?.['resource-profiles.io/environment'] !==
          undefined &&
        (entity.relations ?? []).some(r => r.type === 'dependsOn'),
    );
    expect(enriched.metadata.annotations).toMatchObject({
      'resource-profiles.io/environment': 'prod',
      'resource-profiles.io/data-classification': 'confidential',
      'resource-profiles.io/compliance-scopes': 'SOC2,PCI-DSS',
    });
    expect(enriched.relations).toEqual(
      expect.arrayContaining([
        {
          type: 'dependsOn',
          targetRef: `resource:default/${entityNameForItem(kms)}`,
        },
        {
          type: 'dependencyOf',
          targetRef: `resource:default/${roleName}`,
        },
      ]),
    );
  });
});
