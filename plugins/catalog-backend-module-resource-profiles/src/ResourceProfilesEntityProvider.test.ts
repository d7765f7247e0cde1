import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  CloudInventoryItem,
  CloudInventoryPage,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { EnrichmentStore } from './EnrichmentStore';
import { entityNameForItem } from './naming';
import { ResourceProfilesEntityProvider } from './ResourceProfilesEntityProvider';
import { inventoryItem, roleItem } from './__testUtils__/items';

const BASE_URL = 'http://backend.test/api/resource-profiles';

const kms = inventoryItem({
  arn: 'arn:aws:kms:us-east-1:314159265358:key/1',
  type: 'kms-key',
  name: 'ledger-key',
  tags: { owner: 'payments', environment: 'prod' },
});
const db = inventoryItem({ dependsOn: [kms.arn] });
const role = roleItem('ledger-app', { dependsOn: [db.arn] });
const planned = roleItem('risky-new-role', { planned: true });

const handWrittenDb: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'payments-ledger-db',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': 'file:/examples/resources.yaml',
      'resource-profiles.io/arn': db.arn,
    },
  },
  spec: { type: 'rds-instance', owner: 'payments' },
};
const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: {},
});

type Route = (url: URL) => Response | Promise<Response>;

/** A fake `fetch` serving pages of the inventory, two items per page. */
function inventoryServer(
  items: CloudInventoryItem[],
  snapshotId: number | 'none' = 7,
): Route {
  return url => {
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const page: CloudInventoryPage = {
      items: items.slice(start, start + 2),
      nextCursor: start + 2 < items.length ? String(start + 2) : undefined,
      snapshotId: snapshotId === 'none' ? undefined : snapshotId,
    };
    return Response.json(page);
  };
}

function setup(
  options: {
    catalogEntities?: Entity[];
    verifyOwners?: boolean;
  } = {},
) {
  let route: Route = inventoryServer([db, kms, role, planned]);
  const fetch = jest.fn(
    async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      expect(url.origin + url.pathname).toBe(`${BASE_URL}/inventory`);
      expect(new Headers(init?.headers).get('authorization')).toMatch(
        /^Bearer /,
      );
      return route(url);
    },
  );
  const catalogEntities = options.catalogEntities ?? [
    handWrittenDb,
    group('payments'),
    group('platform-team'),
  ];
  const catalog = {
    streamEntities: jest.fn(async function* streamEntities(request?: any) {
      if (request?.filter) {
        yield catalogEntities.filter(e => ['Group', 'User'].includes(e.kind));
      } else {
        yield catalogEntities.filter(
          e => e.metadata.annotations?.['resource-profiles.io/arn'],
        );
      }
    }),
  };
  const logger = mockServices.logger.mock();
  const store = new EnrichmentStore();
  const scheduler = mockServices.scheduler.mock();
  const provider = ResourceProfilesEntityProvider.fromConfig(
    new ConfigReader({
      resourceProfiles: {
        catalog: { verifyOwners: options.verifyOwners ?? true },
      },
    }),
    {
      logger,
      discovery: { getBaseUrl: async () => BASE_URL },
      auth: mockServices.auth(),
      scheduler,
      catalog: catalog as any,
      store,
      fetch: fetch as typeof globalThis.fetch,
    },
  );
  const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
  return {
    provider,
    connection,
    fetch,
    catalog,
    logger,
    store,
    scheduler,
    setRoute: (next: Route) => {
      route = next;
    },
    async connect() {
      await provider.connect(connection);
    },
  };
}

function providedEntities(connection: { applyMutation: jest.Mock }, call = 0) {
  const mutation = connection.applyMutation.mock.calls[call][0];
  expect(mutation.type).toBe('full');
  return mutation.entities as Array<{ entity: Entity; locationKey: string }>;
}

describe('ResourceProfilesEntityProvider', () => {
  it('schedules its refresh as a global task', async () => {
    const { provider, scheduler, connect } = setup();
    expect(provider.getProviderName()).toBe('resource-profiles');
    expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledWith({
      frequency: { minutes: 5 },
      timeout: { minutes: 3 },
      initialDelay: { seconds: 15 },
      scope: 'global',
    });
    await connect();
  });

  it('pages through the inventory and applies one full mutation of Resource entities', async () => {
    const { provider, connection, fetch, connect } = setup({
      catalogEntities: [group('payments'), group('platform-team')],
    });
    await connect();
    await expect(provider.refresh()).resolves.toMatchObject({
      status: 'applied',
      snapshotId: 7,
      counts: { provided: 3, planned: 1, handWritten: 0 },
    });

    expect(
      fetch.mock.calls.map(([url]) => new URL(String(url)).search),
    ).toEqual(['?limit=500', '?limit=500&cursor=2']);
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    const entities = providedEntities(connection);
    expect(entities.map(e => e.locationKey)).toEqual([
      'resource-profiles',
      'resource-profiles',
      'resource-profiles',
    ]);
    expect(entities.map(e => e.entity.metadata.name)).toEqual([
      entityNameForItem(db),
      entityNameForItem(kms),
      entityNameForItem(role),
    ]);
    const [dbEntity, , roleEntity] = entities.map(e => e.entity);
    expect(dbEntity).toMatchObject({
      kind: 'Resource',
      metadata: {
        title: 'payments-ledger-db',
        annotations: {
          'resource-profiles.io/arn': db.arn,
          'backstage.io/managed-by-location':
            'resource-profiles:examples/terraform/payments.tfstate',
        },
      },
      spec: {
        type: 'rds-instance',
        owner: 'group:default/payments',
        system: 'system:default/payments-core',
        dependsOn: [`resource:default/${entityNameForItem(kms)}`],
      },
    });
    expect(roleEntity.spec).toMatchObject({
      type: 'iam-role',
      owner: 'group:default/platform-team',
      dependsOn: [`resource:default/${entityNameForItem(db)}`],
    });
  });

  it('leaves ARNs of hand-written entities to them and hands their enrichment to the processor', async () => {
    const { provider, connection, store, connect } = setup();
    await connect();
    await provider.refresh();

    const entities = providedEntities(connection).map(e => e.entity);
    expect(
      entities.map(e => e.metadata.annotations?.['resource-profiles.io/arn']),
    ).toEqual([kms.arn, role.arn]);
    expect(entities[1].spec?.dependsOn).toEqual([
      'resource:default/payments-ledger-db',
    ]);
    await expect(store.get(db.arn)).resolves.toEqual({
      annotations: {
        'resource-profiles.io/environment': 'prod',
        'resource-profiles.io/data-classification': 'restricted',
        'resource-profiles.io/compliance-scopes': 'SOC2,PCI-DSS',
      },
      dependsOn: [`resource:default/${entityNameForItem(kms)}`],
    });
    expect(connection.refresh).toHaveBeenCalledWith({
      keys: [`resource-profiles:arn:${db.arn}`],
    });

    // The same enrichment again reprocesses nothing.
    await provider.refresh();
    expect(connection.refresh).toHaveBeenCalledTimes(1);
  });

  it('ignores its own entities when looking for hand-written ones', async () => {
    const ownCopy: Entity = {
      ...handWrittenDb,
      metadata: {
        ...handWrittenDb.metadata,
        name: entityNameForItem(db),
        annotations: {
          'backstage.io/managed-by-location':
            'resource-profiles:examples/terraform/payments.tfstate',
          'resource-profiles.io/arn': db.arn,
        },
      },
    };
    const { provider, connection, connect } = setup({
      catalogEntities: [ownCopy, group('payments')],
    });
    await connect();
    await provider.refresh();
    expect(providedEntities(connection)).toHaveLength(3);
  });

  it('flags owners that name no group in the catalog', async () => {
    const { provider, connection, connect } = setup({
      catalogEntities: [group('payments')],
    });
    await connect();
    await provider.refresh();
    const roleEntity = providedEntities(connection)[2].entity;
    expect(roleEntity.spec?.owner).toBe('group:default/unowned');
    expect(roleEntity.metadata.annotations).toMatchObject({
      'resource-profiles.io/owner-unresolved': 'true',
      'resource-profiles.io/owner-tag': 'platform-team',
    });
  });

  it('does not check owners while the catalog holds no group, or when told not to', async () => {
    for (const options of [{ catalogEntities: [] }, { verifyOwners: false }]) {
      const { provider, connection, connect } = setup(options);
      await connect();
      await provider.refresh();
      expect(
        providedEntities(connection).map(e => e.entity.spec?.owner),
      ).toContain('group:default/platform-team');
    }
  });

  it.each([
    ['the backend answers 503', () => new Response('down', { status: 503 })],
    [
      'the backend is unreachable',
      () => Promise.reject(new TypeError('fetch failed')),
    ],
    ['a page is not JSON', () => new Response('<html>', { status: 200 })],
    ['a page has no items', () => Response.json({ nextCursor: '2' })],
    [
      'an item breaks the contract',
      () => Response.json({ items: [{ ...db, tags: null }], snapshotId: 8 }),
    ],
  ])(
    'applies nothing when %s, keeping the previous entities',
    async (_label, failure) => {
      const { provider, connection, logger, setRoute, connect } = setup();
      await connect();
      await provider.refresh();
      expect(connection.applyMutation).toHaveBeenCalledTimes(1);

      setRoute(failure as Route);
      await expect(provider.refresh()).resolves.toMatchObject({
        status: 'failed',
      });
      expect(connection.applyMutation).toHaveBeenCalledTimes(1);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining('the previous ones stay'),
      );
    },
  );

  it('applies nothing when a later page fails', async () => {
    const { provider, connection, setRoute, connect } = setup();
    const pages = inventoryServer([db, kms, role]);
    setRoute(url =>
      url.searchParams.get('cursor')
        ? new Response('boom', { status: 500 })
        : pages(url),
    );
    await connect();
    const result = await provider.refresh();
    expect(result).toMatchObject({ status: 'failed' });
    expect(result.status === 'failed' && result.error.message).toMatch(
      /answered 500/,
    );
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('applies nothing when the catalog cannot be queried', async () => {
    const { provider, connection, catalog, connect } = setup();
    catalog.streamEntities.mockImplementation(async function* failing() {
      yield [];
      throw new Error('catalog unavailable');
    });
    await connect();
    await expect(provider.refresh()).resolves.toMatchObject({
      status: 'failed',
    });
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('leaves entities alone while the backend has no snapshot', async () => {
    const { provider, connection, setRoute, connect } = setup();
    setRoute(inventoryServer([], 'none'));
    await connect();
    await expect(provider.refresh()).resolves.toEqual({
      status: 'no-snapshot',
    });
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('applies an empty snapshot, which removes what it provided before', async () => {
    const { provider, connection, setRoute, connect } = setup();
    setRoute(inventoryServer([], 9));
    await connect();
    await provider.refresh();
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [],
    });
  });

  it('starts over when the snapshot changes while paging', async () => {
    const { provider, connection, setRoute, connect } = setup();
    let snapshot = 1;
    setRoute(url => {
      const page = inventoryServer([db, kms, role], snapshot)(url);
      if (url.searchParams.get('cursor') && snapshot === 1) snapshot = 2;
      return page;
    });
    await connect();
    await expect(provider.refresh()).resolves.toMatchObject({
      status: 'applied',
    });
    expect(providedEntities(connection)).toHaveLength(2);
  });

  it('refuses a cursor that loops', async () => {
    const { provider, connection, setRoute, connect } = setup();
    setRoute(() =>
      Response.json({ items: [kms], nextCursor: 'again', snapshotId: 1 }),
    );
    await connect();
    await expect(provider.refresh()).resolves.toMatchObject({
      status: 'failed',
    });
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });
});
