import { mockServices } from '@backstage/backend-test-utils';
import { RoleMappingEntry } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseProfileStore } from './DatabaseProfileStore';
import { DatabaseSnapshotStore } from './DatabaseSnapshotStore';
import { FindingRecord, SnapshotWrite, SourceSuccess } from './SnapshotStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const finding: FindingRecord = {
  id: 'rp-1',
  rule: 'full-admin',
  severity: 'critical',
  title: 'admin has full administrator access (* on *)',
  principal: { arn: 'arn:aws:iam::111122223333:role/admin', name: 'admin', type: 'role' },
  resources: ['*'],
  evidence: {},
  remediation: 'Scope it down',
  conditional: false,
  owner: 'group:default/platform',
  environment: 'prod',
  entityRefs: ['resource:default/admin'],
};

const snapshot = (findings: FindingRecord[]): SnapshotWrite => ({
  stats: { findings: findings.length },
  inventory: [],
  roleMappings: [],
  findings,
});

const success = (id: string, contentSha256: string): SourceSuccess => ({
  id,
  kind: 'terraform',
  target: `${id}.tfstate`,
  durationMs: 5,
  counts: { principals: 0, policies: 0, resources: 1 },
  contentSha256,
  input: Buffer.from(contentSha256),
});

describe.each(ids)('DatabaseSnapshotStore on %s', databaseId => {
  async function createStore() {
    const knex = await databases.init(databaseId);
    // The profile store runs the plugin's migrations.
    await DatabaseProfileStore.create({ database: mockServices.database({ knex }) });
    return { knex, store: DatabaseSnapshotStore.create({ client: knex }) };
  }

  const at = new Date('2026-11-22T10:00:00Z');
  const sourceIds = ['iam', 'tf'];

  it('stores a source\'s new input together with the snapshot analysed from it', async () => {
    const { store } = await createStore();
    const id = await store.commitSnapshot(snapshot([finding]), at, {
      sourceIds,
      fingerprint: 'tf:aaa',
      source: success('tf', 'aaa'),
    });
    expect(id).toEqual(expect.any(Number));
    await expect(store.getSourceFingerprint(sourceIds)).resolves.toBe('tf:aaa');
    const [source] = await store.listSources();
    expect(source).toMatchObject({ id: 'tf', status: 'succeeded', lastSuccessAt: at.toISOString() });
    await expect(store.latestSnapshot()).resolves.toMatchObject({ id, stats: { findings: 1 } });
  });

  it('refuses a snapshot analysed from inputs that have changed since, and stores nothing of it', async () => {
    const { store, knex } = await createStore();
    const first = await store.commitSnapshot(snapshot([finding]), at, {
      sourceIds,
      fingerprint: 'iam:111',
      source: success('iam', '111'),
    });
    // Analysed before "iam" was stored: only the Terraform input in its basis.
    const stale = await store.commitSnapshot(snapshot([]), new Date('2026-11-22T10:05:00Z'), {
      sourceIds,
      fingerprint: 'tf:222',
      source: success('tf', '222'),
    });
    expect(stale).toBeUndefined();
    await expect(store.getSourceFingerprint(sourceIds)).resolves.toBe('iam:111');
    await expect(store.latestSnapshot()).resolves.toMatchObject({ id: first });
    const open = await knex('findings').whereNull('resolved_at').count({ count: '*' });
    expect(Number(open[0].count)).toBe(1);

    // Analysed again with both inputs, it is accepted.
    const fresh = await store.commitSnapshot(snapshot([]), new Date('2026-11-22T10:06:00Z'), {
      sourceIds,
      fingerprint: 'iam:111,tf:222',
      source: success('tf', '222'),
    });
    expect(fresh).toBeGreaterThan(first!);
    await expect(store.getSourceFingerprint(sourceIds)).resolves.toBe('iam:111,tf:222');
    const resolved = await knex('findings').whereNotNull('resolved_at').count({ count: '*' });
    expect(Number(resolved[0].count)).toBe(1);
  });

  it('replaces the role mappings of the previous snapshot', async () => {
    const { store } = await createStore();
    const mapping = (principal: string, accessLevel: 'Read' | 'Write'): RoleMappingEntry => ({
      resourceArn: 'arn:aws:s3:::ledger',
      accountId: '111122223333',
      principalArn: `arn:aws:iam::111122223333:role/${principal}`,
      principalName: principal,
      principalType: 'role',
      accessLevel,
      path: { kind: 'assumed-role', via: ['arn:aws:iam::111122223333:role/a\\b\tc'] },
      conditional: true,
      actionCount: 3,
      sampleActions: ['s3:GetObject'],
      conditions: [{ Bool: { 'aws:MultiFactorAuthPresent': ['true'] } }],
    });
    const write = (roleMappings: RoleMappingEntry[]): SnapshotWrite => ({ ...snapshot([]), roleMappings });
    await store.commitSnapshot(write([mapping('reader', 'Read'), mapping('writer', 'Write')]), at, { sourceIds, fingerprint: '' });
    await store.commitSnapshot(write([mapping('auditor', 'Read')]), new Date('2026-11-22T10:05:00Z'), { sourceIds, fingerprint: '' });
    const page = await store.queryRoleMappings('arn:aws:s3:::ledger', {});
    expect(page.totalCount).toBe(1);
    expect(page.items[0]).toEqual(mapping('auditor', 'Read'));
    // The table keeps working for the next snapshot, and its index for lookups by resource.
    await store.commitSnapshot(write([mapping('reader', 'Read'), mapping('writer', 'Write')]), new Date('2026-11-22T10:10:00Z'), { sourceIds, fingerprint: '' });
    const next = await store.queryRoleMappings('arn:aws:s3:::ledger', { accessLevel: ['Write'] });
    expect(next.items.map(item => item.principalName)).toEqual(['writer']);
  });

  it('stores more role mappings than one multi-row insert can carry on SQLite', async () => {
    const { store } = await createStore();
    const many: RoleMappingEntry[] = Array.from({ length: 1200 }, (_, i) => ({
      resourceArn: 'arn:aws:s3:::ledger',
      accountId: '111122223333',
      principalArn: `arn:aws:iam::111122223333:role/r${i}`,
      principalName: `r${i}`,
      principalType: 'role',
      accessLevel: 'Read',
      path: { kind: 'direct', via: [] },
      conditional: false,
      actionCount: 1,
      sampleActions: ['s3:GetObject'],
    }));
    await store.commitSnapshot({ ...snapshot([]), roleMappings: many }, at, { sourceIds, fingerprint: '' });
    expect((await store.queryRoleMappings('arn:aws:s3:::ledger', { limit: 1 })).totalCount).toBe(1200);
  });

  it('keeps the source\'s previous input when storing the snapshot fails', async () => {
    const { store } = await createStore();
    const first = await store.commitSnapshot(snapshot([finding]), at, {
      sourceIds,
      fingerprint: 'tf:aaa',
      source: success('tf', 'aaa'),
    });
    expect(first).toEqual(expect.any(Number));
    // Evidence that cannot be serialized fails the commit after the source's input was written.
    const evidence: Record<string, unknown> = {};
    evidence.self = evidence;
    const broken: FindingRecord = { ...finding, id: 'rp-2', evidence };
    await expect(
      store.commitSnapshot(snapshot([broken]), new Date('2026-11-22T10:05:00Z'), {
        sourceIds,
        fingerprint: 'tf:bbb',
        source: success('tf', 'bbb'),
      }),
    ).rejects.toThrow(/circular/i);
    await expect(store.getSourceFingerprint(sourceIds)).resolves.toBe('tf:aaa');
    const inputs = await store.getSourceInputs(sourceIds);
    expect(inputs.map(input => input.input.toString())).toEqual(['aaa']);
  });
});
