import { CacheService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { EnrichmentStore } from './EnrichmentStore';
import { ResourceProfilesEnrichmentProcessor } from './ResourceProfilesEnrichmentProcessor';

const ARN = 'arn:aws:rds:us-east-1:314159265358:db:payments-ledger-db';
const location = { type: 'file', target: '/examples/resources.yaml' };

/** A cache shared by "replicas", like Redis would be. */
function sharedCache() {
  const values = new Map<string, unknown>();
  const cache = {
    get: jest.fn(async (key: string) => values.get(key)),
    set: jest.fn(async (key: string, value: unknown) => {
      values.set(key, JSON.parse(JSON.stringify(value)));
    }),
    delete: jest.fn(async (key: string) => {
      values.delete(key);
    }),
    withOptions: () => cache,
  };
  return cache;
}

function handWritten(
  annotations: Record<string, string> = {},
  spec: Record<string, unknown> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'payments-ledger-db',
      annotations: {
        'backstage.io/managed-by-location': 'file:/examples/resources.yaml',
        'resource-profiles.io/arn': ARN,
        ...annotations,
      },
    },
    spec: { type: 'rds-instance', owner: 'payments', ...spec },
  };
}

async function processorWith(store = new EnrichmentStore()) {
  await store.replace({
    [ARN]: {
      annotations: {
        'resource-profiles.io/environment': 'prod',
        'resource-profiles.io/data-classification': 'restricted',
      },
      dependsOn: [
        'resource:default/payments-ledger-kms',
        'resource:default/iam-role-ledger-app-1234abcd',
        'resource:default/payments-ledger-db',
      ],
    },
  });
  return new ResourceProfilesEnrichmentProcessor({ store });
}

async function run(
  processor: ResourceProfilesEnrichmentProcessor,
  entity: Entity,
) {
  const emitted: CatalogProcessorResult[] = [];
  const emit = (result: CatalogProcessorResult) => emitted.push(result);
  const pre = await processor.preProcessEntity(entity, location, emit);
  const post = await processor.postProcessEntity(pre, location, emit);
  return { entity: post, emitted };
}

describe('ResourceProfilesEnrichmentProcessor', () => {
  it('adds the annotations the author left out, never overriding theirs', async () => {
    const processor = await processorWith();
    const { entity, emitted } = await run(
      processor,
      handWritten({
        'resource-profiles.io/data-classification': 'confidential',
      }),
    );
    expect(entity.metadata.annotations).toEqual({
      'backstage.io/managed-by-location': 'file:/examples/resources.yaml',
      'resource-profiles.io/arn': ARN,
      'resource-profiles.io/environment': 'prod',
      'resource-profiles.io/data-classification': 'confidential',
    });
    expect(emitted).toContainEqual({
      type: 'refresh',
      key: `resource-profiles:arn:${ARN}`,
    });
  });

  it('adds dependsOn relations both ways, except declared ones and itself', async () => {
    const processor = await processorWith();
    const { emitted } = await run(
      processor,
      handWritten({}, { dependsOn: ['resource:payments-ledger-kms'] }),
    );
    const relations = emitted.filter(r => r.type === 'relation');
    const self = {
      kind: 'Resource',
      namespace: 'default',
      name: 'payments-ledger-db',
    };
    const role = {
      kind: 'resource',
      namespace: 'default',
      name: 'iam-role-ledger-app-1234abcd',
    };
    expect(relations).toEqual([
      {
        type: 'relation',
        relation: { source: self, type: 'dependsOn', target: role },
      },
      {
        type: 'relation',
        relation: { source: role, type: 'dependencyOf', target: self },
      },
    ]);
  });

  it('leaves alone entities without ARN, without record, or provided by the module', async () => {
    const processor = await processorWith();
    const withoutArn: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'website' },
      spec: {},
    };
    const unknown = handWritten({
      'resource-profiles.io/arn': 'arn:aws:s3:::other',
    });
    const provided = handWritten({
      'backstage.io/managed-by-location':
        'resource-profiles:examples/terraform/payments.tfstate',
    });
    for (const entity of [withoutArn, unknown, provided]) {
      const result = await run(processor, entity);
      expect(result.entity).toBe(entity);
      expect(result.emitted.filter(r => r.type === 'relation')).toEqual([]);
    }
  });

  it('reads the copy another replica wrote to the shared cache, not the backend', async () => {
    const cache = sharedCache();
    const asCache = cache as unknown as CacheService;
    // The replica that runs the provider's task writes…
    await processorWith(new EnrichmentStore({ cache: asCache }));
    // …and a replica that only processes entities reads it.
    let now = 0;
    const reader = new ResourceProfilesEnrichmentProcessor({
      store: new EnrichmentStore({ cache: asCache, now: () => now }),
    });
    const fetch = jest.spyOn(globalThis, 'fetch');

    for (let i = 0; i < 5; i++) {
      const { entity } = await run(reader, handWritten());
      expect(
        entity.metadata.annotations?.['resource-profiles.io/environment'],
      ).toBe('prod');
    }
    // One read of the cache for many entities, none of the backend.
    const reads = () => cache.get.mock.calls.length;
    expect(reads()).toBe(2); // one by the writer's replace, one by the reader
    now += 60_000;
    await run(reader, handWritten());
    expect(reads()).toBe(3);
    expect(fetch).not.toHaveBeenCalled();
    fetch.mockRestore();
  });

  it('keeps its last copy when the cache fails', async () => {
    const cache = sharedCache();
    let now = 0;
    const store = new EnrichmentStore({
      cache: cache as unknown as CacheService,
      now: () => now,
    });
    const processor = await processorWith(store);
    now += 60_000;
    cache.get.mockRejectedValue(new Error('redis down'));
    const { entity } = await run(processor, handWritten());
    expect(
      entity.metadata.annotations?.['resource-profiles.io/environment'],
    ).toBe('prod');
  });
});

describe('EnrichmentStore', () => {
  it('reports the ARNs whose record was added, changed or removed', async () => {
    const store = new EnrichmentStore();
    const record = { annotations: {}, dependsOn: [] };
    expect(await store.replace({ a: record, b: record })).toEqual(['a', 'b']);
    expect(await store.replace({ a: record, b: record })).toEqual([]);
    expect(
      await store.replace({
        a: { annotations: { x: '1' }, dependsOn: [] },
        c: record,
      }),
    ).toEqual(['a', 'b', 'c']);
    await expect(store.get('b')).resolves.toBeUndefined();
    await expect(store.get('constructor')).resolves.toBeUndefined();
  });
});
