import { resolve } from 'path';
import { mockServices } from '@backstage/backend-test-utils';
import { ResourceProfile } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseProfileStore } from './DatabaseProfileStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

function profile(entityRef: string, overrides: Partial<ResourceProfile> = {}): ResourceProfile {
  return {
    entityRef,
    owner: 'group:default/payments',
    environment: 'prod',
    dataClassification: 'restricted',
    complianceScopes: ['SOC2'],
    reviewIntervalDays: 90,
    reviewOverdue: true,
    requestableRoles: [],
    maxGrantDurationHours: 4,
    approvalPolicy: { mode: 'approvers', requiredApprovals: 2 },
    approverGroups: [],
    breakGlassAllowed: false,
    warnings: [],
    sources: { environment: 'catalog' },
    resolvedAt: '2026-11-22T00:00:00.000Z',
    ...overrides,
  };
}

describe.each(ids)('DatabaseProfileStore on %s', databaseId => {
  async function createStore() {
    const knex = await databases.init(databaseId);
    const store = await DatabaseProfileStore.create({
      database: mockServices.database({ knex }),
    });
    return { knex, store };
  }

  it('stores and reads back a profile', async () => {
    const { store } = await createStore();
    const stored = profile('resource:default/ledger');
    await store.replaceProfiles([stored], new Date('2026-11-22T10:00:00Z'));
    await expect(store.getProfile('resource:default/ledger')).resolves.toEqual(stored);
    await expect(store.getProfile('resource:default/other')).resolves.toBeUndefined();
  });

  it('replaces the previous refresh and drops entities that disappeared', async () => {
    const { store } = await createStore();
    await store.replaceProfiles(
      [profile('resource:default/a'), profile('resource:default/b')],
      new Date('2026-11-22T10:00:00Z'),
    );
    await store.replaceProfiles(
      [profile('resource:default/b', { environment: 'dev' })],
      new Date('2026-11-22T10:05:00Z'),
    );
    await expect(store.countProfiles()).resolves.toBe(1);
    await expect(store.getProfile('resource:default/a')).resolves.toBeUndefined();
    expect((await store.getProfile('resource:default/b'))?.environment).toBe('dev');
  });

  it('writes large refreshes in chunks', async () => {
    const { store } = await createStore();
    const many = Array.from({ length: 1500 }, (_, i) => profile(`resource:default/r${i}`));
    await store.replaceProfiles(many, new Date('2026-11-22T10:00:00Z'));
    await expect(store.countProfiles()).resolves.toBe(1500);
  });

  it('migrates down cleanly', async () => {
    const { knex } = await createStore();
    await knex.migrate.rollback(
      { directory: resolve(__dirname, '../../migrations') },
      true,
    );
    await expect(knex.schema.hasTable('resource_profiles')).resolves.toBe(false);
  });
});
