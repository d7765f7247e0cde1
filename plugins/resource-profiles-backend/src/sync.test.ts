import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/databases';
import { demoEntities, demoFile } from './__testUtils__/demoData';
import { violationDecisionFor } from './__testUtils__/permissions';
import { resourceProfilesPlugin } from './plugin';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();

const PLATFORM = 'user:default/dana.whitfield';
const PAYMENTS = 'user:default/guest';

/**
 * Permissions as the portal's policy decides them: the platform team may do
 * everything; others see only their own group's violations and may not sync.
 */
const permissions = mockServices.permissions.mock({
  authorize: async (requests, { credentials }) =>
    requests.map(r => ({
      result:
        (credentials.principal as { userEntityRef?: string }).userEntityRef === PLATFORM ||
        !['resource-profiles.sync.trigger', 'resource-profiles.violation.accept-risk'].includes(
          r.permission.name,
        )
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    })) as any,
  authorizeConditional: async (requests, { credentials }) =>
    requests.map(() =>
      violationDecisionFor(
        (credentials.principal as { userEntityRef?: string }).userEntityRef,
        PLATFORM,
        ['group:default/payments'],
      ),
    ) as any,
});

describe.each(ids)('sync, analysis and the violations API on %s', databaseId => {
  const dir = createMockDirectory();

  async function start(
    sourceOverrides: Record<string, unknown> = {},
    extra: { files?: Record<string, string>; sources?: object[] } = {},
  ) {
    dir.setContent({
      'aws/prod-authorization-details.json': demoFile('aws', '314159265358-authorization-details.json'),
      'payments.tfstate': demoFile('terraform', 'payments.tfstate'),
      ...extra.files,
    });
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        resourceProfilesPlugin,
        mockServices.database.factory({ knex }),
        permissions.factory,
        catalogServiceMock.factory({
          entities: [
            ...demoEntities(),
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Resource',
              metadata: {
                name: 'statements-bucket-untagged',
                namespace: 'default',
                annotations: { 'resource-profiles.io/arn': 'arn:aws:s3:::northwind-prod-payments-statements' },
              },
              spec: { type: 's3-bucket', owner: 'group:default/payments' },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            resourceProfiles: {
              accounts: [{ id: '314159265358', environment: 'prod' }],
              sources: [
                { id: 'prod-iam', kind: 'aws-authorization-details', path: dir.resolve('aws'), ...sourceOverrides },
                { id: 'payments-tf', kind: 'terraform', path: dir.resolve('payments.tfstate') },
                ...(extra.sources ?? []),
              ],
            },
          },
        }),
      ],
    });
    const as = (user: string) => mockCredentials.user.header(user);
    const api = {
      get: (path: string, user = PLATFORM) =>
        request(server).get(`/api/resource-profiles${path}`).set('Authorization', as(user)),
      post: (path: string, user = PLATFORM) =>
        request(server).post(`/api/resource-profiles${path}`).set('Authorization', as(user)),
      put: (path: string, body: object, user = PLATFORM) =>
        request(server).put(`/api/resource-profiles${path}`).set('Authorization', as(user)).send(body),
      server,
    };
    return api;
  }

  it('syncs the sources into a snapshot of role mappings and violations', async () => {
    const api = await start();
    expect((await api.post('/sync')).status).toBe(202);

    const status = await api.get('/sync/status');
    expect(status.body.sources.map((s: any) => [s.id, s.status])).toEqual([
      ['payments-tf', 'succeeded'],
      ['prod-iam', 'succeeded'],
    ]);
    expect(status.body.lastSnapshot.stats.findings).toBeGreaterThan(10);

    const mappings = await api.get('/role-mappings/resource/default/payments-ledger-db?limit=500');
    expect(mappings.status).toBe(200);
    expect(mappings.body.totalCount).toBeGreaterThan(0);
    expect(mappings.body.items.every((m: any) => m.resourceArn.endsWith(':db:payments-ledger-db'))).toBe(true);
    // A conditional mapping says which conditions it depends on.
    const conditional = mappings.body.items.filter((m: any) => m.conditional);
    expect(conditional.every((m: any) => Array.isArray(m.conditions) && m.conditions.length > 0)).toBe(true);
    // No source describes an organization: there are no guardrails to show.
    expect((await api.get('/guardrails/resource/default/payments-ledger-db')).body).toEqual({ accountId: '314159265358', organizationKnown: false });

    const admins = await api.get('/violations?rule=full-admin&status=open');
    expect(admins.body.items.map((v: any) => v.principal.name)).toContain('breakglass-admin');
    const breakglass = admins.body.items.find((v: any) => v.principal.name === 'breakglass-admin');
    expect(breakglass).toMatchObject({ severity: 'critical', environment: 'prod', status: 'open' });

    const text = await api.get('/violations?text=svc-billing-export&rule=policy-attached-to-user');
    expect(text.body.totalCount).toBeGreaterThan(0);
    expect(text.body.items.every((v: any) => v.principal.name === 'svc-billing-export')).toBe(true);
  });

  it("maps who a bucket policy lets in from another account, and files the violation under the bucket's entity", async () => {
    const api = await start();
    await api.post('/sync');

    const mappings = await api.get('/role-mappings/resource/default/payments-audit-log-bucket?limit=500');
    const viaPolicy = mappings.body.items.filter((m: any) => m.path.kind === 'resource-policy');
    expect(viaPolicy.map((m: any) => [m.principalName, m.principalType, m.accessLevel, m.path.via, m.conditional])).toEqual([
      ['999988887777', 'account', 'List', ['bucket policy'], true],
      ['999988887777', 'account', 'Read', ['bucket policy'], true],
    ]);
    expect(viaPolicy[0]).toMatchObject({
      principalArn: 'arn:aws:iam::999988887777:root',
      resourceArn: 'arn:aws:s3:::northwind-prod-payments-audit-logs',
      conditions: [{ Deny: { 'Bool:aws:SecureTransport': ['false'] } }],
    });

    const violations = await api.get('/violations?rule=resource-policy-cross-account', PAYMENTS);
    expect(violations.body.items.map((v: any) => [v.entityRefs, v.owner, v.environment, v.conditional])).toEqual([
      [['resource:default/payments-audit-log-bucket'], 'group:default/payments', 'prod', true],
    ]);
  });

  it("pages an entity's violations with their linked entities and the same total on every page", async () => {
    const api = await start();
    await api.post('/sync');
    const linked = new Map<string, number>();
    for (const violation of (await api.get('/violations?limit=500')).body.items) {
      for (const entityRef of violation.entityRefs) linked.set(entityRef, (linked.get(entityRef) ?? 0) + 1);
    }
    const [ref, count] = [...linked].sort((a, b) => b[1] - a[1])[0];
    expect(count).toBeGreaterThan(1);
    const all = await api.get(`/violations?entityRef=${ref}&limit=100`);
    expect(all.status).toBe(200);
    const total = all.body.totalCount;
    expect(total).toBe(count);
    expect(all.body.items).toHaveLength(total);
    for (const violation of all.body.items) {
      expect(violation.entityRefs).toContain(ref);
      expect([...violation.entityRefs].sort()).toEqual(violation.entityRefs);
    }
    const second = await api.get(`/violations?entityRef=${ref}&limit=1&offset=1`);
    expect(second.body).toMatchObject({ totalCount: total, offset: 1, limit: 1 });
    expect(second.body.items.map((v: any) => v.id)).toEqual([all.body.items[1].id]);
    const pastTheEnd = await api.get(`/violations?entityRef=${ref}&limit=10&offset=${total + 5}`);
    expect(pastTheEnd.body).toMatchObject({ items: [], totalCount: total });
    const one = await api.get(`/violations/${encodeURIComponent(all.body.items[0].id)}`);
    expect(one.body.entityRefs).toEqual(all.body.items[0].entityRefs);
    const none = await api.get('/violations?entityRef=resource:default/no-such-entity');
    expect(none.body).toMatchObject({ items: [], totalCount: 0 });
  });

  it('fills profile fields the entity leaves open from the IaC tags of its resource', async () => {
    const api = await start();
    const before = await api.get('/profiles/resource/default/statements-bucket-untagged');
    expect(before.body.sources.environment).toBe('default');
    await api.post('/sync');
    const after = await api.get('/profiles/resource/default/statements-bucket-untagged');
    expect(after.body).toMatchObject({ environment: 'prod', dataClassification: 'confidential' });
    expect(after.body.sources).toMatchObject({ environment: 'iac-tag', dataClassification: 'iac-tag' });
  });

  it('shows a user outside the platform team only their own groups\' violations', async () => {
    const api = await start();
    await api.post('/sync');
    const all = await api.get('/violations?limit=500');
    const mine = await api.get('/violations?limit=500', PAYMENTS);
    expect(mine.body.totalCount).toBeGreaterThan(0);
    expect(mine.body.totalCount).toBeLessThan(all.body.totalCount);
    expect(mine.body.items.every((v: any) => v.owner === 'group:default/payments')).toBe(true);
    const dashboard = await api.get('/dashboard', PAYMENTS);
    expect(dashboard.body.total).toBe(mine.body.totalCount);
    expect(dashboard.body.byOwner.map((o: any) => o.owner)).toEqual(['group:default/payments']);
  });

  it('keeps the last good data when a source turns malformed, and reports the error', async () => {
    const api = await start();
    await api.post('/sync');
    const before = await api.get('/violations?status=open&limit=1');
    const mappingsBefore = await api.get('/role-mappings/resource/default/payments-ledger-db');

    dir.addContent({ 'aws/prod-authorization-details.json': '{"UserDetailList": [ {"UserName": 42 } ' });
    expect((await api.post('/sync')).status).toBe(202);

    const status = await api.get('/sync/status');
    const iam = status.body.sources.find((s: any) => s.id === 'prod-iam');
    expect(iam.status).toBe('failed');
    expect(iam.error).toMatch(/prod-authorization-details\.json/);
    expect(iam.lastSuccessAt).toBeDefined();
    const after = await api.get('/violations?status=open&limit=1');
    expect(after.body.totalCount).toBe(before.body.totalCount);
    expect((await api.get('/role-mappings/resource/default/payments-ledger-db')).body.totalCount).toBe(
      mappingsBefore.body.totalCount,
    );
  });

  it('refuses input over the size limit with a clear message', async () => {
    const api = await start({ maxBytes: 1000 });
    await api.post('/sync');
    const iam = (await api.get('/sync/status')).body.sources.find((s: any) => s.id === 'prod-iam');
    expect(iam.status).toBe('failed');
    expect(iam.error).toMatch(/over the source's limit of 1000 bytes/);
  });

  it('limits permissions by the service control policies of an aws-organizations source', async () => {
    const scp = (id: string, name: string, statement: object, targetIds: string[]) => ({
      Id: id,
      Name: name,
      Type: 'SERVICE_CONTROL_POLICY',
      Content: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }),
      TargetIds: targetIds,
    });
    const organization = (policies: object[]) =>
      JSON.stringify({
        Organization: { Id: 'o-abc123', MasterAccountId: '999999999999' },
        Roots: [{ Id: 'r-ab12', Name: 'Root' }],
        OrganizationalUnits: [{ Id: 'ou-ab12-workload', Name: 'Workloads', ParentId: 'r-ab12' }],
        Accounts: [{ Id: '314159265358', Name: 'northwind-prod', ParentId: 'ou-ab12-workload' }],
        Policies: [
          scp('p-FullAWSAccess', 'FullAWSAccess', { Effect: 'Allow', Action: '*', Resource: '*' }, [
            'r-ab12',
            'ou-ab12-workload',
            '314159265358',
          ]),
          ...policies,
        ],
      });
    const api = await start({}, {
      files: { 'org/organization.json': organization([]) },
      sources: [{ id: 'org', kind: 'aws-organizations', path: dir.resolve('org') }],
    });
    const open = async () => (await api.get('/violations?status=open&limit=500')).body.items as any[];
    const credentialPaths = async () =>
      (await open()).filter(v => v.principal?.name === 'legacy-ops-admin' && /AccessKey|LoginProfile/.test(v.method ?? '')).map(v => v.method);
    const adminTitle = async () => (await open()).find(v => v.rule === 'full-admin' && v.principal?.name === 'breakglass-admin')?.title;

    await api.post('/sync');
    const status = (await api.get('/sync/status')).body.sources.find((s: any) => s.id === 'org');
    expect(status).toMatchObject({ kind: 'aws-organizations', status: 'succeeded', counts: { policies: 1 } });
    expect(await credentialPaths()).toContain('CreateAccessKey');
    expect(await adminTitle()).toBe('breakglass-admin has full administrator access (* on *)');
    const levels = async (entity: string) => {
      const { body } = await api.get(`/guardrails/resource/default/${entity}`);
      expect(body).toMatchObject({ accountId: '314159265358', organizationKnown: true, guardrails: { accountName: 'northwind-prod', managementAccount: false } });
      return body.guardrails.levels.map((l: any) => [l.kind, l.name, l.policies.map((p: any) => p.name)]);
    };
    expect(await levels('payments-ledger-db')).toEqual([
      ['root', 'Root', ['FullAWSAccess']],
      ['organizational-unit', 'Workloads', ['FullAWSAccess']],
      ['account', 'northwind-prod', ['FullAWSAccess']],
    ]);

    // No access keys or console passwords in the Workloads OU.
    dir.addContent({
      'org/organization.json': organization([
        scp('p-protect1', 'no-long-lived-credentials', { Effect: 'Deny', Action: ['iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'], Resource: '*' }, ['ou-ab12-workload']),
      ]),
    });
    await api.post('/sync');
    expect((await api.get('/sync/status')).body.sources.find((s: any) => s.id === 'org')).toMatchObject({ status: 'succeeded', counts: { policies: 2 } });
    expect(await credentialPaths()).toEqual([]);
    // The Access tab's guardrails show the new SCP, also for a bucket whose ARN names no account.
    const workloads = ['organizational-unit', 'Workloads', ['FullAWSAccess', 'no-long-lived-credentials']];
    expect((await levels('payments-ledger-db'))[1]).toEqual(workloads);
    expect((await levels('statements-bucket-untagged'))[1]).toEqual(workloads);
    const { body } = await api.get('/guardrails/resource/default/payments-ledger-db');
    expect(body.guardrails.levels[1].impliedFullAccess).toBe(false);
    expect(body.guardrails.levels[1].policies[1].statements).toEqual([
      { effect: 'Deny', action: ['iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'], resource: ['*'] },
    ]);
    expect((await api.get('/guardrails/resource/default/no-such-entity')).status).toBe(404);
    // The admin stays an admin of what the SCPs leave, and the violation says what they deny.
    expect(await adminTitle()).toBe("breakglass-admin has full administrator access (* on *) within its organization's SCPs, which deny iam:CreateAccessKey");
  });

  it('accepts a risk until its expiry, and only for allowed users', async () => {
    const api = await start();
    await api.post('/sync');
    const [violation] = (await api.get('/violations?rule=full-admin&limit=1')).body.items;
    const path = `/violations/${violation.id}/acceptance`;
    const openBefore = (await api.get('/dashboard?status=open')).body;
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();

    expect((await api.put(path, { justification: 'short', expiresAt })).status).toBe(400);
    expect(
      (await api.put(path, { justification: 'Break-glass role, reviewed weekly', expiresAt: '2020-01-01T00:00:00Z' })).status,
    ).toBe(400);
    expect(
      (await api.put(path, { justification: 'Break-glass role, reviewed weekly', expiresAt }, PAYMENTS)).status,
    ).toBe(403);

    const accepted = await api.put(path, { justification: 'Break-glass role, reviewed weekly', expiresAt });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      acceptance: { acceptedBy: PLATFORM, expiresAt },
    });
    const open = await api.get('/violations?rule=full-admin&status=open&limit=500');
    expect(open.body.items.map((v: any) => v.id)).not.toContain(violation.id);
    // The dashboard's counts (served from the snapshot's counts) move with it.
    const openAfter = (await api.get('/dashboard?status=open')).body;
    expect(openAfter.total).toBe(openBefore.total - 1);
    expect(openAfter.total).toBe((await api.get('/violations?status=open&limit=1')).body.totalCount);
    expect(openAfter.bySeverity[violation.severity]).toBe(openBefore.bySeverity[violation.severity] - 1);
    const scoped = (await api.get('/dashboard?status=open&severity=critical', PAYMENTS)).body;
    expect(scoped.total).toBe((await api.get('/violations?status=open&severity=critical&limit=1', PAYMENTS)).body.totalCount);

    // Identity comes from the token, never from the body.
    const forged = await api.put(path, {
      justification: 'Break-glass role, reviewed weekly',
      expiresAt,
      acceptedBy: 'user:default/someone-else',
    });
    expect(forged.body.acceptance.acceptedBy).toBe(PLATFORM);
  });

  it('exports violations as CSV and JSON with the same filters', async () => {
    const api = await start();
    await api.post('/sync');
    const total = (await api.get('/violations?severity=critical')).body.totalCount;
    const csv = await api.get('/violations/export?format=csv&severity=critical');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toMatch(/^id,severity,status,rule/);
    expect(lines).toHaveLength(total + 1);
    const json = await api.get('/violations/export?format=json&severity=critical');
    expect(JSON.parse(json.text)).toHaveLength(total);
    expect((await api.get('/violations/export?format=xml')).status).toBe(400);
  });

  it('guards every route: 401 without a token, 403 for users on the service-only inventory', async () => {
    const api = await start();
    for (const path of ['/violations', '/dashboard', '/sync/status', '/role-mappings/resource/default/payments-ledger-db', '/guardrails/resource/default/payments-ledger-db']) {
      const response = await request(api.server)
        .get(`/api/resource-profiles${path}`)
        .set('Authorization', mockCredentials.none.header());
      expect(response.status).toBe(401);
    }
    expect((await api.get('/inventory')).status).toBe(403);
    await api.post('/sync');
    const inventory = await request(api.server)
      .get('/api/resource-profiles/inventory?limit=10')
      .set('Authorization', mockCredentials.service.header());
    expect(inventory.status).toBe(200);
    expect(inventory.body.items).toHaveLength(10);
    expect(inventory.body.nextCursor).toBeDefined();
    expect((await api.get('/violations?severity=bogus')).status).toBe(400);
  });
});
