import { GetAccountAuthorizationDetailsCommand } from '@aws-sdk/client-iam';
import { GetBucketPolicyCommand, GetBucketTaggingCommand, GetPublicAccessBlockCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { defaultRuleSet } from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { createTestDatabases } from '../__testUtils__/databases';
import { demoEntities, demoFile } from '../__testUtils__/demoData';
import { fakeOrganizationsClient } from '../__testUtils__/fakeOrganizations';
import { fakeResourcePolicyClients } from '../__testUtils__/fakeResourcePolicies';
import { DatabaseProfileStore } from '../database/DatabaseProfileStore';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import { DatabaseViolationStore } from '../database/DatabaseViolationStore';
import { readProfileConfig } from '../profiles/profileConfig';
import { IamClientFactory, IamClientLike } from '../sources/readAwsIam';
import { OrganizationsClientFactory, OrganizationsClientLike } from '../sources/readAwsOrganizations';
import { ResourcePoliciesClientFactory } from '../sources/readAwsResourcePolicies';
import { S3ClientFactory, S3ClientLike } from '../sources/readAwsS3';
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
  { id: 'prod-s3', kind: 'aws-s3', accounts: [iamReader], maxBytes: 1024 * 1024, schedule },
  { id: 'prod-resource-policies', kind: 'aws-resource-policies', accounts: [iamReader], maxBytes: 1024 * 1024, schedule },
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
      policies: { SERVICE_CONTROL_POLICY: [policies.map(({ Id, Name }) => ({ Id, Name, Type: 'SERVICE_CONTROL_POLICY' }))] },
      targets: Object.fromEntries(policies.map(p => [p.Id, [p.targets.map(TargetId => ({ TargetId }))]])),
    },
    contents: Object.fromEntries(policies.map(p => [p.Id, p.Content])),
  });
}

interface FakeBucket {
  name: string;
  region: string;
  policy?: object;
  restrictPublicBuckets?: boolean;
  tags?: Record<string, string>;
}

/** S3 as the SDK answers: buckets over pages, and the errors S3 gives for what a bucket lacks. */
function fakeS3(buckets: FakeBucket[], options: { deniedPolicyOf?: string } = {}): S3ClientLike {
  const absent = (name: string) => Object.assign(new Error(`The ${name} does not exist`), { name });
  const bucket = (name?: string) => buckets.find(b => b.name === name)!;
  return {
    send: async (command: any) => {
      if (command instanceof ListBucketsCommand) {
        const start = Number(command.input.ContinuationToken ?? 0);
        const page = buckets.slice(start, start + 2);
        const more = start + 2 < buckets.length;
        return { Buckets: page.map(b => ({ Name: b.name, BucketRegion: b.region })), ContinuationToken: more ? String(start + 2) : undefined, $metadata: {} };
      }
      const b = bucket(command.input.Bucket);
      if (command instanceof GetBucketPolicyCommand) {
        if (options.deniedPolicyOf === b.name) throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
        if (!b.policy) throw absent('NoSuchBucketPolicy');
        return { Policy: JSON.stringify(b.policy), $metadata: {} };
      }
      if (command instanceof GetPublicAccessBlockCommand) {
        if (b.restrictPublicBuckets === undefined) throw absent('NoSuchPublicAccessBlockConfiguration');
        return { PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: b.restrictPublicBuckets }, $metadata: {} };
      }
      if (command instanceof GetBucketTaggingCommand) {
        if (!b.tags) throw absent('NoSuchTagSet');
        return { TagSet: Object.entries(b.tags).map(([Key, Value]) => ({ Key, Value })), $metadata: {} };
      }
      throw new Error(`unexpected command ${command.constructor.name}`);
    },
  } as S3ClientLike;
}

const prodBuckets: FakeBucket[] = [
  {
    name: 'northwind-prod-data-lake-curated',
    region: 'us-east-1',
    tags: { owner: 'data-platform' },
    policy: { Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:role/lumen-ingest' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::northwind-prod-data-lake-curated/*' }] },
  },
  {
    name: 'northwind-prod-mobile-media',
    region: 'eu-west-1',
    restrictPublicBuckets: true,
    policy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::northwind-prod-mobile-media/*' }] },
  },
  { name: 'northwind-prod-terraform-state', region: 'us-east-1' },
];

const noLongLivedCredentials = {
  Id: 'p-protect1',
  Name: 'no-long-lived-credentials',
  Content: document({ Effect: 'Deny', Action: ['iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'], Resource: '*' }),
};

describe.each(ids)('SyncService with live AWS sources on %s', databaseId => {
  async function setup(clients: {
    iam: IamClientFactory;
    organizations: OrganizationsClientFactory;
    s3?: S3ClientFactory;
    resourcePolicies?: ResourcePoliciesClientFactory;
  }) {
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
      s3ClientFactory: clients.s3,
      resourcePoliciesClientFactory: clients.resourcePolicies,
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

  it('reads an aws-s3 account through the S3 client: bucket policies, Block Public Access and tags, every page', async () => {
    const refuse: { policyOf?: string } = {};
    const asked: unknown[] = [];
    const { sync, store, open, status } = await setup({
      iam: async () => fakeIam([]),
      organizations: async () => fakeOrganizations([]),
      s3: async account => {
        asked.push(account);
        return { accountId: ACCOUNT, client: fakeS3(prodBuckets, { deniedPolicyOf: refuse.policyOf }) };
      },
    });
    expect(await sync.syncSource('prod-s3')).toEqual({ id: 'prod-s3', ok: true });
    expect(asked).toEqual([iamReader]);
    expect(await status('prod-s3')).toMatchObject({ kind: 'aws-s3', status: 'succeeded', counts: { resources: 3 } });
    // The vendor's role reads curated data; the mobile bucket's public policy is void under Block Public Access.
    const exposures = (await open()).filter(v => v.rule.startsWith('resource-policy-'));
    expect(exposures.map(v => [v.rule, v.resources, v.owner])).toEqual([
      ['resource-policy-cross-account', ['arn:aws:s3:::northwind-prod-data-lake-curated'], 'group:default/data-platform'],
    ]);
    const good = await store.latestSnapshot();

    refuse.policyOf = 'northwind-prod-mobile-media';
    const outcome = await sync.syncSource('prod-s3');
    expect(outcome).toEqual({ id: 'prod-s3', ok: false, error: `bucket northwind-prod-mobile-media of account ${ACCOUNT}: Access Denied` });
    expect(await status('prod-s3')).toMatchObject({ status: 'failed', counts: { resources: 3 } });
    expect((await store.latestSnapshot())!.id).toBe(good!.id);
  });

  it('reads an aws-resource-policies account through its clients into the analysis', async () => {
    const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1111aaaa-1111-aaaa-1111-aaaa1111aaaa`;
    const asked: unknown[] = [];
    const { sync, open, status } = await setup({
      iam: async () => fakeIam([]),
      organizations: async () => fakeOrganizations([]),
      resourcePolicies: async account => {
        asked.push(account);
        const clients = fakeResourcePolicyClients({
          keys: [
            {
              arn: key,
              tags: { owner: 'data-platform' },
              policy: JSON.parse(document({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:role/lumen-ingest' }, Action: 'kms:Decrypt', Resource: '*' })),
            },
            { arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/2222bbbb-2222-bbbb-2222-bbbb2222bbbb`, awsManaged: true },
          ],
          queues: [{ arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders` }],
          topics: [],
          secrets: [],
          functions: [],
        });
        return { accountId: ACCOUNT, region: 'us-east-1', clients };
      },
    });
    expect(await sync.syncSource('prod-resource-policies')).toEqual({ id: 'prod-resource-policies', ok: true });
    expect(asked).toEqual([iamReader]);
    expect(await status('prod-resource-policies')).toMatchObject({ kind: 'aws-resource-policies', status: 'succeeded', counts: { resources: 2 } });
    const exposures = (await open()).filter(v => v.rule.startsWith('resource-policy-'));
    expect(exposures.map(v => [v.rule, v.resources, v.owner])).toEqual([['resource-policy-cross-account', [key], 'group:default/data-platform']]);
  });
});
