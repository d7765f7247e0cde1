import { GetAccountAuthorizationDetailsCommand } from '@aws-sdk/client-iam';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { defaultRuleSet } from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { createTestDatabases } from '../__testUtils__/databases';
import { demoEntities, demoFile } from '../__testUtils__/demoData';
import { fakeOrganizationsClient } from '../__testUtils__/fakeOrganizations';
import { DatabaseProfileStore } from '../database/DatabaseProfileStore';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import { DatabaseViolationStore } from '../database/DatabaseViolationStore';
import { readProfileConfig } from '../profiles/profileConfig';
import { IamClientFactory, IamClientLike } from '../sources/readAwsIam';
import { OrganizationsClientFactory, OrganizationsClientLike } from '../sources/readAwsOrganizations';
import { SourceConfig } from '../sources/sourceConfig';
import { SyncService } from './SyncService';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const ACCOUNT = '314159265358';
const iamReader = { roleArn: `arn:aws:iam::${ACCOUNT}:role/resource-profiles-reader` };
const orgReader = { roleArn: 'arn:aws:iam::999999999999:role/org-reader' };
const schedule = { frequency: { minutes: 30 }, timeout: { minutes: 5 } };
const sources: SourceConfig[] = [
  { id: 'prod-iam', kind: 'aws-iam', accounts: [iamReader], maxBytes: 10 * 1024 * 1024, schedule },
  { id: 'org', kind: 'aws-organizations', accounts: [orgReader], maxBytes: 1024 * 1024, schedule },
];

/**
 * The demo account as the IAM SDK returns it: policy documents URL-encoded,
 * dates as Date objects, and the lists spread over three pages.
 */
function iamPages(): object[] {
  const details = JSON.parse(demoFile('aws', `${ACCOUNT}-authorization-details.json`), (key, value) => {
    if (/PolicyDocument$/.test(key) && typeof value === 'object') return encodeURIComponent(JSON.stringify(value));
    if (/Date$/.test(key) && typeof value === 'string') return new Date(value);
    return value;
  });
  return [
    { UserDetailList: details.UserDetailList, GroupDetailList: details.GroupDetailList, IsTruncated: true, Marker: 'm1' },
    { RoleDetailList: details.RoleDetailList, IsTruncated: true, Marker: 'm2' },
    { Policies: details.Policies, IsTruncated: false },
  ];
}

function fakeIam(calls: string[]): IamClientLike {
  const pages = iamPages();
  return {
    send: async (command: GetAccountAuthorizationDetailsCommand) => {
      const marker = command.input.Marker;
      calls.push(marker ?? 'first');
      const index = marker ? Number(marker.slice(1)) : 0;
      return { ...pages[index], $metadata: {} } as any;
    },
  };
}

const document = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

/** One root, a Workloads OU holding the demo account, FullAWSAccess everywhere and `extra` on the OU. */
function fakeOrganizations(extra: { Id: string; Name: string; Content: string }[]): OrganizationsClientLike {
  const policies = [
    { Id: 'p-FullAWSAccess', Name: 'FullAWSAccess', Content: document({ Effect: 'Allow', Action: '*', Resource: '*' }), targets: ['r-ab12', 'ou-ab12-work', ACCOUNT] },
    ...extra.map(p => ({ ...p, targets: ['ou-ab12-work'] })),
  ];
  return fakeOrganizationsClient({
    managementAccountId: '999999999999',
    pages: {
      roots: { '': [[{ Id: 'r-ab12', Name: 'Root' }]] },
      ous: { 'r-ab12': [[{ Id: 'ou-ab12-work', Name: 'Workloads' }]] },
      accounts: { 'ou-ab12-work': [[{ Id: ACCOUNT, Name: 'northwind-prod' }]] },
      policies: { '': [policies.map(({ Id, Name }) => ({ Id, Name, Type: 'SERVICE_CONTROL_POLICY' }))] },
      targets: Object.fromEntries(policies.map(p => [p.Id, [p.targets.map(TargetId => ({ TargetId }))]])),
    },
    contents: Object.fromEntries(policies.map(p => [p.Id, p.Content])),
  });
}

const noLongLivedCredentials = {
  Id: 'p-protect1',
  Name: 'no-long-lived-credentials',
  Content: document({ Effect: 'Deny', Action: ['iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'], Resource: '*' }),
};

describe.each(ids)('SyncService with live AWS sources on %s', databaseId => {
  async function setup(clients: { iam: IamClientFactory; organizations: OrganizationsClientFactory }) {
    const knex = await databases.init(databaseId);
    // The profile store runs the plugin's migrations.
    await DatabaseProfileStore.create({ database: mockServices.database({ knex }) });
    const store = DatabaseSnapshotStore.create({ client: knex });
    const sync = new SyncService({
      sources,
      store,
      reader: mockServices.urlReader.mock(),
      catalog: catalogServiceMock({ entities: demoEntities() }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      analysis: { rules: defaultRuleSet(), accountEnvironments: new Map() },
      tagKeys: readProfileConfig(mockServices.rootConfig()).tagKeys,
      iamClientFactory: clients.iam,
      organizationsClientFactory: clients.organizations,
    });
    const violations = DatabaseViolationStore.create({ client: knex });
    const open = async () =>
      (await violations.queryViolations({ status: ['open'], limit: 500 }, undefined, new Date())).items;
    const status = async (id: string) => (await store.listSources()).find(s => s.id === id);
    return { sync, store, open, status };
  }

  it('reads aws-iam accounts and an aws-organizations account through their SDK clients, and analyses them together', async () => {
    const iamCalls: string[] = [];
    const asked: unknown[] = [];
    let scps = [noLongLivedCredentials];
    const { sync, open, status } = await setup({
      iam: async account => {
        asked.push(account);
        return fakeIam(iamCalls);
      },
      organizations: async account => {
        asked.push(account);
        return fakeOrganizations(scps);
      },
    });
    const credentialPaths = async () =>
      (await open()).filter(v => v.principal?.name === 'legacy-ops-admin' && /AccessKey|LoginProfile/.test(v.method ?? '')).map(v => v.method);

    expect(await sync.syncSource('prod-iam')).toEqual({ id: 'prod-iam', ok: true });
    expect(iamCalls).toEqual(['first', 'm1', 'm2']);
    expect(await status('prod-iam')).toMatchObject({ kind: 'aws-iam', status: 'succeeded', target: iamReader.roleArn });
    const principals = (await status('prod-iam'))!.counts!.principals;
    expect(principals).toBeGreaterThan(5);
    // Without the organization, nothing stops the admin from minting access keys.
    expect(await credentialPaths()).toContain('CreateAccessKey');

    expect(await sync.syncSource('org')).toEqual({ id: 'org', ok: true });
    expect(asked).toEqual([iamReader, orgReader]);
    expect(await status('org')).toMatchObject({ kind: 'aws-organizations', status: 'succeeded', counts: { policies: 2 } });
    expect(await credentialPaths()).toEqual([]);
    expect((await open()).find(v => v.rule === 'full-admin' && v.principal?.name === 'breakglass-admin')?.title).toBe(
      "breakglass-admin has full administrator access (* on *) within its organization's SCPs, which deny iam:CreateAccessKey",
    );

    // The SCP is detached: the next sync of the organization brings the paths back.
    scps = [];
    expect(await sync.syncSource('org')).toEqual({ id: 'org', ok: true });
    expect(await credentialPaths()).toContain('CreateAccessKey');
  });

  it('records a client that fails as the source failing, and keeps its last good data', async () => {
    let denied = false;
    const { sync, store, status } = await setup({
      iam: async () => {
        if (denied) throw new Error(`User is not authorized to perform: sts:AssumeRole on resource: ${iamReader.roleArn}`);
        return fakeIam([]);
      },
      organizations: async () => fakeOrganizations([]),
    });
    await sync.syncSource('prod-iam');
    const good = await store.latestSnapshot();
    const counts = (await status('prod-iam'))!.counts;

    denied = true;
    const outcome = await sync.syncSource('prod-iam');
    expect(outcome).toEqual({ id: 'prod-iam', ok: false, error: expect.stringContaining('not authorized to perform: sts:AssumeRole') });
    expect(await status('prod-iam')).toMatchObject({ status: 'failed', error: expect.stringContaining('sts:AssumeRole'), counts });
    expect((await store.latestSnapshot())!.id).toBe(good!.id);
  });
});
