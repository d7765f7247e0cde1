/* eslint-disable no-console */
// API benchmark: the plugin served over HTTP on PostgreSQL with a large
// organisation's data, measured with autocannon at 50 connections. Prints
// p50/p99 latency and requests per second per endpoint, each also as a ratio
// to GET /health measured in the same run, and the machine it ran on. The
// load comes from a separate process (bench/load.js), so the backend keeps its
// event loop to itself.
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { BackstageCredentials, coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { execFile } from 'child_process';
import knexFactory, { Knex } from 'knex';
import { mkdtempSync, writeFileSync } from 'fs';
import os from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { defaultRuleSet } from '@resource-profiles/backstage-plugin-resource-profiles-node';
// The engine's synthetic organisation generator is a bench file, not part of its package API.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { generateOrg } from '../../resource-profiles-node/bench/generateOrg';
import { DatabaseSnapshotStore } from '../src/database/DatabaseSnapshotStore';
import { readProfileConfig } from '../src/profiles/profileConfig';
import { violationDecisionFor } from '../src/__testUtils__/permissions';
import { resourceProfilesPlugin } from '../src/plugin';
import { SyncService } from '../src/sync/SyncService';
import { ConfigReader } from '@backstage/config';

const PG = process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 100_000);
const MAPPINGS = Number(process.env.BENCH_MAPPINGS ?? 1_000_000);
const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 200_000);
const PENDING = Number(process.env.BENCH_PENDING_REQUESTS ?? 5_000);
const SYNC_PRINCIPALS = Number(process.env.BENCH_SYNC_PRINCIPALS ?? 50_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const ENDPOINTS = process.env.BENCH_ENDPOINTS !== '0';
/** Measures only the endpoints whose titles match (the baseline always runs). */
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
const CONNECTIONS = 50;
const TEAMS = 50;
const PLATFORM = 'user:default/platform-lead';
const MEMBER = 'user:default/team-7-engineer';

async function seed(db: Knex) {
  const t0 = Date.now();
  await db.raw(`insert into inventory (arn, type, name, account_id, region, category, tags, depends_on, source, planned)
    select 'arn:aws:s3:::bucket-' || i, 's3-bucket', 'bucket-' || i, '111122223333', 'eu-west-1', 'resource',
      '{"owner":"team-' || (i % ${TEAMS}) || '"}', '[]', '{"file":"bench"}', false
    from generate_series(0, ${RESOURCES - 1}) i`);
  await db.raw(`insert into role_mappings (resource_arn, account_id, principal_arn, principal_name, principal_type,
      access_level, path_kind, path_via, conditional, action_count, sample_actions)
    select 'arn:aws:s3:::bucket-' || (i % ${RESOURCES}), '111122223333',
      'arn:aws:iam::111122223333:role/role-' || (i % 50000), 'role-' || (i % 50000), 'role',
      (array['List','Read','Write','Tagging','Permissions management'])[1 + i % 5],
      (array['direct','group','assumed-role'])[1 + i % 3], '[]', i % 7 = 0, 1 + i % 40, '["s3:GetObject"]'
    from generate_series(0, ${MAPPINGS - 1}) i`);
  await db.raw(`insert into findings (id, rule, method, severity, severity_rank, title, principal_arn, principal_name,
      principal_type, resources, evidence, remediation, conditional, owner, environment, search_text,
      first_seen_at, last_seen_at, resolved_at)
    select 'rp-' || i, (array['privilege-escalation','sod-conflict','full-admin','trust-open-to-any','policy-attached-to-user'])[1 + i % 5],
      null, (array['critical','high','medium','low'])[1 + i % 4], i % 4, 'finding ' || i,
      'arn:aws:iam::111122223333:role/role-' || (i % 50000), 'role-' || (i % 50000), 'role',
      '["arn:aws:s3:::bucket-' || (i % ${RESOURCES}) || '"]', '{}', 'fix it', false,
      'group:default/team-' || (i % ${TEAMS}), (array['prod','staging','dev'])[1 + i % 3], 'finding ' || i || ' role-' || (i % 50000),
      now(), now(), case when i % 10 = 0 then now() else null end
    from generate_series(0, ${FINDINGS - 1}) i`);
  await db.raw(`insert into finding_entities (finding_id, entity_ref)
    select 'rp-' || i, 'resource:default/bucket-' || (i % ${RESOURCES}) from generate_series(0, ${FINDINGS - 1}) i`);
  for (let s = 0; s < 30; s++) {
    const [{ id }] = await db('snapshots').insert({ created_at: new Date(Date.now() - (30 - s) * 3_600_000), stats: '{}' }).returning('id');
    await db.raw(`insert into snapshot_counts (snapshot_id, owner, environment, rule, severity, count)
      select ?, 'group:default/team-' || t, (array['prod','staging','dev'])[1 + t % 3], r, sev, 10 + (t + ?) % 17
      from generate_series(0, ${TEAMS - 1}) t,
        unnest(array['privilege-escalation','sod-conflict','full-admin','trust-open-to-any','policy-attached-to-user']) r,
        unnest(array['critical','high','medium','low']) sev`, [id, s]);
  }
  const now = new Date();
  const requests = Array.from({ length: PENDING }, (_, i) => ({
    id: `bench-${i}`,
    entity_ref: 'resource:default/bucket-1',
    role_name: 'write',
    role_target: 'arn:aws:iam::111122223333:policy/bucket-write',
    requester: 'user:default/requester',
    principal_arns: '["arn:aws:iam::111122223333:role/requester"]',
    justification: 'benchmark',
    duration_hours: 1,
    state: 'pending',
    requirement: JSON.stringify({ mode: 'approvers', requiredApprovals: 2, requiresSecurityApproval: false, approverGroups: ['group:default/team-7'], risks: [] }),
    version: 1,
    created_at: now,
    updated_at: now,
    pending_until: new Date(now.getTime() + 86_400_000),
  }));
  for (let i = 0; i < requests.length; i += 1000) await db('access_requests').insert(requests.slice(i, i + 1000));
  await db.raw('analyze');
  return Date.now() - t0;
}

let baselineP99: number | undefined;

interface LoadRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

interface LoadResult {
  latency: { p50: number; p99: number };
  requests: { average: number };
  errors: number;
  non2xx: number;
}

const execFileAsync = promisify(execFile);

/** Drives `requests` (picked at random, or in order when `sequence`) from bench/load.js. */
async function measure(
  base: string,
  title: string,
  requests: LoadRequest[],
  options: { amount?: number; order?: 'random' | 'sequence' } = {},
) {
  if (ONLY && !ONLY.test(title) && baselineP99 !== undefined) return undefined;
  const spec = {
    url: base,
    connections: CONNECTIONS,
    duration: DURATION,
    amount: options.amount,
    order: options.order ?? 'random',
    requests,
  };
  const specFile = join(mkdtempSync(join(os.tmpdir(), 'rp-bench-load-')), 'spec.json');
  writeFileSync(specFile, JSON.stringify(spec));
  const { stdout } = await execFileAsync(process.execPath, [join(__dirname, 'load.js'), specFile], {
    maxBuffer: 1 << 26,
  });
  const result = JSON.parse(stdout) as LoadResult;
  const errors = result.errors + result.non2xx;
  const row = { title, p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, errors };
  baselineP99 ??= row.p99;
  console.log(
    `${row.title} | ${row.p50} | ${row.p99} | ${row.rps.toFixed(0)} | ${row.errors} | ${(row.p99 / Math.max(1, baselineP99)).toFixed(1)}×`,
  );
  return row;
}

/**
 * The catalog as the plugin sees it: the test double with entity lookups by
 * ref answered from a map. (The double itself re-indexes every entity on each
 * lookup, which would make this benchmark measure the double.)
 */
function catalogFactory(entities: Entity[]) {
  const byRef = new Map(entities.map(entity => [stringifyEntityRef(entity), entity]));
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => {
      const catalog = catalogServiceMock({ entities });
      catalog.getEntityByRef = async ref =>
        byRef.get(typeof ref === 'string' ? stringifyEntityRef(parseEntityRef(ref)) : stringifyEntityRef(ref));
      return catalog;
    },
  });
}

/** A full sync of a synthetic organisation: read, parse, analyse and store, as the plugin does it. */
async function measureSync(db: Knex) {
  const dir = mkdtempSync(join(os.tmpdir(), 'rp-bench-sync-'));
  const org = generateOrg(SYNC_PRINCIPALS);
  writeFileSync(join(dir, 'authorization-details.json'), org.authorizationDetails);
  writeFileSync(join(dir, 'state.tfstate'), org.terraformState);
  const schedule = { frequency: { minutes: 30 }, timeout: { minutes: 30 } };
  const phases: string[] = [];
  const sync = new SyncService({
    sources: [
      { id: 'bench-iam', kind: 'aws-authorization-details', path: join(dir, 'authorization-details.json'), maxBytes: 2 ** 30, schedule },
      { id: 'bench-tf', kind: 'terraform', path: join(dir, 'state.tfstate'), maxBytes: 2 ** 30, schedule },
    ],
    store: DatabaseSnapshotStore.create({ client: db }),
    reader: mockServices.urlReader.mock(),
    catalog: catalogServiceMock({ entities: [] }),
    auth: mockServices.auth(),
    logger: { ...mockServices.logger.mock(), info: (message: string) => phases.push(message) } as any,
    analysis: { rules: defaultRuleSet(), accountEnvironments: new Map() },
    tagKeys: readProfileConfig(new ConfigReader({})).tagKeys,
  });
  // The Terraform state is synced first; the timed sync is the account
  // snapshot's: read, parse, analyse with the stored state, and store.
  const t0 = Date.now();
  await sync.syncSource('bench-tf');
  const t1 = Date.now();
  const outcome = await sync.syncSource('bench-iam');
  const t2 = Date.now();
  if (!outcome.ok) throw new Error(`sync failed: ${outcome.error}`);
  const [{ count: mappings }] = await db('role_mappings').count({ count: '*' });
  const [{ count: findings }] = await db('findings').whereNull('resolved_at').count({ count: '*' });
  console.log(`Terraform state (${(org.terraformState.length / 2 ** 20).toFixed(0)} MiB) synced first in ${((t1 - t0) / 1000).toFixed(1)} s`);
  console.log(
    `full sync of ${SYNC_PRINCIPALS} principals (${(org.authorizationDetails.length / 2 ** 20).toFixed(0)} MiB): ` +
      `${((t2 - t1) / 1000).toFixed(1)} s (target ≤ 60 s): ${phases.at(-1) ?? ''}; stored ${mappings} role mappings, ${findings} open findings`,
  );
}

async function main() {
  const admin = knexFactory({ client: 'pg', connection: PG });
  const dbName = `rp_bench_${process.pid}`;
  await admin.raw(`create database ${dbName}`);
  const db = knexFactory({ client: 'pg', connection: `${PG}/${dbName}`, pool: { min: 1, max: 20 } });
  try {
    const members = new Set(Array.from({ length: 200 }, (_, i) => `user:default/approver-${i}`).concat(MEMBER));
    const { server } = await startTestBackend({
      features: [
        resourceProfilesPlugin,
        mockServices.database.factory({ knex: db }),
        mockServices.rootConfig.factory({ data: {} }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        // Plain services rather than the recording mocks, whose call logs
        // would grow with every request and load the garbage collector.
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => ({
            getUserInfo: async (credentials: BackstageCredentials) => {
              const userEntityRef = (credentials.principal as { userEntityRef: string }).userEntityRef;
              return { userEntityRef, ownershipEntityRefs: [userEntityRef, ...(members.has(userEntityRef) ? ['group:default/team-7'] : [])] };
            },
          }),
        }),
        createServiceFactory({
          service: coreServices.permissions,
          deps: {},
          factory: () => ({
            authorize: async (requests: unknown[]) => requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any,
            authorizeConditional: async (requests: unknown[], { credentials }: { credentials: BackstageCredentials }) =>
              requests.map(() =>
                violationDecisionFor(
                  (credentials.principal as { userEntityRef?: string }).userEntityRef,
                  PLATFORM,
                  ['group:default/team-7'],
                ),
              ) as any,
          }),
        }),
        catalogFactory(
          Array.from({ length: 1000 }, (_, i) => ({
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Resource',
            metadata: {
              name: `bucket-${i}`,
              namespace: 'default',
              annotations: {
                'resource-profiles.io/arn': `arn:aws:s3:::bucket-${i}`,
                'resource-profiles.io/environment': 'prod',
                'resource-profiles.io/data-classification': 'confidential',
              },
            },
            spec: { type: 's3-bucket', owner: `group:default/team-${i % TEAMS}` },
          })),
        ),
      ],
    });
    const seedMs = await seed(db);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const origin = `http://127.0.0.1:${port}`;
    const api = '/api/resource-profiles';
    const as = (user: string) => ({ authorization: mockCredentials.user.header(user) });
    const buckets = (path: (i: number) => string, user: string) =>
      Array.from({ length: 1000 }, (_, i) => ({ path: `${api}${path(i)}`, headers: as(user) }));

    console.log(`machine: ${os.cpus()[0]?.model}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, PostgreSQL at ${PG}`);
    console.log(`data: ${RESOURCES} resources, ${MAPPINGS} role mappings, ${FINDINGS} findings, 30 snapshots; seeded in ${(seedMs / 1000).toFixed(1)} s; ${CONNECTIONS} connections, ${DURATION} s per endpoint`);
    console.log(`load average: ${os.loadavg().map(l => l.toFixed(2)).join(' ')}`);

    if (ENDPOINTS) {
      console.log('endpoint | p50 ms | p99 ms | req/s | errors | p99 / baseline p99');
      const rows = [];
      rows.push(await measure(origin, 'GET /health (baseline)', [{ path: `${api}/health` }]));
      rows.push(await measure(origin, 'GET /profiles/:entity', buckets(i => `/profiles/resource/default/bucket-${i}`, MEMBER)));
      rows.push(
        await measure(origin, 'GET /violations?entityRef (entity violations)', buckets(i => `/violations?entityRef=resource:default/bucket-${i}&status=open`, PLATFORM)),
      );
      rows.push(await measure(origin, 'GET /role-mappings/:entity', buckets(i => `/role-mappings/resource/default/bucket-${i}?limit=25`, MEMBER)));
      rows.push(
        await measure(origin, 'GET /violations (first page, team scope)', [
          { path: `${api}/violations?status=open&severity=critical&limit=25`, headers: as(MEMBER) },
        ]),
      );
      rows.push(await measure(origin, 'GET /dashboard (platform, all 200k)', [{ path: `${api}/dashboard?status=open`, headers: as(PLATFORM) }]));
      rows.push(await measure(origin, 'GET /dashboard (team scope)', [{ path: `${api}/dashboard?status=open`, headers: as(MEMBER) }]));

      const approvals = Math.min(PENDING * 2, Number(process.env.BENCH_APPROVALS ?? 2_000));
      // Two approvers per request, in order: the second approval approves and grants.
      const decisions = Array.from({ length: approvals }, (_, n) => ({
        method: 'POST',
        path: `${api}/access-requests/bench-${Math.floor(n / 2) % PENDING}/decisions`,
        headers: { ...as(`user:default/approver-${n % 2}`), 'content-type': 'application/json' },
        body: JSON.stringify({ decision: 'approve' }),
      }));
      const approve = await measure(origin, 'POST /access-requests/:id/decisions (approve)', decisions, {
        amount: approvals,
        order: 'sequence',
      });
      rows.push(approve);
    }
    if (SYNC_PRINCIPALS > 0) await measureSync(db);

    const decided = await db('access_decisions').count({ count: '*' });
    const granted = await db('access_requests').where('state', 'active').count({ count: '*' });
    console.log(`decisions recorded: ${decided[0].count}, grants applied: ${granted[0].count}`);
  } finally {
    await db.destroy();
    await admin.raw(`drop database if exists ${dbName} with (force)`);
    await admin.destroy();
  }
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
