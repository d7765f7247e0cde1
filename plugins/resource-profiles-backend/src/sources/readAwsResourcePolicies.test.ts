import { parseAwsResourcePolicies } from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { fakeResourcePolicyClients, FakeResourcePolicyAccount } from '../__testUtils__/fakeResourcePolicies';
import { readAwsResourcePolicies, ResourcePoliciesClientFactory } from './readAwsResourcePolicies';
import { SourceConfig } from './sourceConfig';

const ACCOUNT = '314159265358';
const OTHER = '271828182845';
const REGION = 'eu-west-1';
const reader = { roleArn: `arn:aws:iam::${ACCOUNT}:role/resource-profiles-reader`, region: REGION };

function source(overrides: Partial<SourceConfig> = {}): SourceConfig {
  return {
    id: 'resource-policies',
    kind: 'aws-resource-policies',
    accounts: [reader],
    maxBytes: 1024 * 1024,
    schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
    ...overrides,
  };
}

const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
const policy = (Principal: object | string, Action: string, Resource: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal, Action, Resource }],
});

const paymentsKey = arn('kms', 'key/1111aaaa-1111-aaaa-1111-aaaa1111aaaa');
const awsManagedKey = arn('kms', 'key/2222bbbb-2222-bbbb-2222-bbbb2222bbbb');
const plainKey = arn('kms', 'key/3333cccc-3333-cccc-3333-cccc3333cccc');
const ordersQueue = arn('sqs', 'orders');
const refundsQueue = arn('sqs', 'refunds');
const deadLetters = arn('sqs', 'dead-letters');
const alertsTopic = arn('sns', 'alerts');
const eventsTopic = arn('sns', 'events');
const auditTopic = arn('sns', 'audit');
const dbSecret = arn('secretsmanager', 'secret:prod/db-AbCdEf');
const apiSecret = arn('secretsmanager', 'secret:api-key-GhIjKl');
const signingSecret = arn('secretsmanager', 'secret:signing-MnOpQr');
const ingestFunction = arn('lambda', 'function:ingest');
const resizeFunction = arn('lambda', 'function:resize');
const reportFunction = arn('lambda', 'function:report');

const ownAccount = { AWS: `arn:aws:iam::${ACCOUNT}:root` };
const otherAccount = { AWS: `arn:aws:iam::${OTHER}:root` };

/** Three of each (the fake pages by two), with every kind of "none" the services answer. */
const prod: FakeResourcePolicyAccount = {
  keys: [
    {
      arn: paymentsKey,
      aliases: ['alias/payments', 'alias/payments-legacy'],
      tags: { owner: 'payments', environment: 'prod', 'data-classification': 'restricted' },
      policy: policy(otherAccount, 'kms:Decrypt', '*'),
    },
    { arn: awsManagedKey, awsManaged: true, aliases: ['alias/aws/s3'], policy: policy(ownAccount, 'kms:*', '*') },
    { arn: plainKey, policy: policy(ownAccount, 'kms:*', '*') },
  ],
  queues: [
    { arn: ordersQueue, tags: { owner: 'fulfilment' }, policy: policy({ Service: 'sns.amazonaws.com' }, 'sqs:SendMessage', ordersQueue) },
    { arn: refundsQueue },
    { arn: deadLetters },
  ],
  topics: [
    { arn: alertsTopic, tags: { owner: 'sre' }, policy: policy('*', 'sns:Subscribe', alertsTopic) },
    { arn: eventsTopic, policy: policy(ownAccount, 'sns:Publish', eventsTopic) },
    { arn: auditTopic, policy: policy(ownAccount, 'sns:Publish', auditTopic) },
  ],
  secrets: [
    { arn: dbSecret, tags: { owner: 'payments' }, policy: policy(otherAccount, 'secretsmanager:GetSecretValue', '*') },
    { arn: apiSecret },
    { arn: signingSecret, tags: { owner: 'identity' } },
  ],
  functions: [
    { arn: ingestFunction, tags: { owner: 'data-platform' }, policy: policy(otherAccount, 'lambda:InvokeFunction', ingestFunction) },
    { arn: resizeFunction },
    { arn: reportFunction, tags: { owner: 'finance' } },
  ],
};

const empty: FakeResourcePolicyAccount = { keys: [], queues: [], topics: [], secrets: [], functions: [] };

const factoryOf =
  (account: FakeResourcePolicyAccount, calls: string[] = []): ResourcePoliciesClientFactory =>
  async () => ({ accountId: ACCOUNT, region: REGION, clients: fakeResourcePolicyClients(account, calls) });

describe('readAwsResourcePolicies', () => {
  it('follows every page of every list into one export that the engine reads', async () => {
    const calls: string[] = [];
    const documents = await readAwsResourcePolicies(source(), factoryOf(prod, calls));

    expect(calls.filter(c => /^List(Keys|Aliases|Queues|Topics|Secrets|Functions)\b/.test(c))).toEqual([
      'ListKeys',
      'ListKeys keys#2',
      'ListAliases',
      'ListAliases aliases#2',
      'ListQueues',
      'ListQueues queues#2',
      'ListTopics',
      'ListTopics topics#2',
      'ListSecrets',
      'ListSecrets secrets#2',
      'ListFunctions',
      'ListFunctions functions#2',
    ]);
    const paymentsKeyId = '1111aaaa-1111-aaaa-1111-aaaa1111aaaa';
    expect(calls.filter(c => c.startsWith(`ListResourceTags ${paymentsKeyId}`))).toEqual([
      `ListResourceTags ${paymentsKeyId}`,
      `ListResourceTags ${paymentsKeyId} tags:${paymentsKeyId}#2`,
    ]);
    // An AWS managed key is described, and no more.
    expect(calls.filter(c => c.includes('2222bbbb'))).toEqual(['DescribeKey 2222bbbb-2222-bbbb-2222-bbbb2222bbbb']);

    expect(documents.map(d => d.name)).toEqual([`aws-resource-policies:${reader.roleArn}@${REGION}`]);
    const exported = JSON.parse(documents[0].text);
    expect(exported).toMatchObject({ AccountId: ACCOUNT, Region: REGION });
    // "None" answers leave Policy out rather than writing an empty one.
    expect(exported.Resources.filter((r: object) => !('Policy' in r)).map((r: { Arn: string }) => r.Arn)).toEqual([
      refundsQueue,
      deadLetters,
      apiSecret,
      signingSecret,
      resizeFunction,
      reportFunction,
    ]);

    const input = parseAwsResourcePolicies(documents[0].text, documents[0].name, { maxBytes: 1024 * 1024 });
    expect(input.warnings).toEqual([]);
    expect(input.resources.map(r => [r.type, r.name, r.region, r.tags])).toEqual([
      ['kms-key', 'alias/payments', REGION, { owner: 'payments', environment: 'prod', 'data-classification': 'restricted' }],
      ['kms-key', '3333cccc-3333-cccc-3333-cccc3333cccc', REGION, {}],
      ['sqs-queue', 'orders', REGION, { owner: 'fulfilment' }],
      ['sqs-queue', 'refunds', REGION, {}],
      ['sqs-queue', 'dead-letters', REGION, {}],
      ['sns-topic', 'alerts', REGION, { owner: 'sre' }],
      ['sns-topic', 'events', REGION, {}],
      ['sns-topic', 'audit', REGION, {}],
      ['secretsmanager-secret', 'prod/db', REGION, { owner: 'payments' }],
      ['secretsmanager-secret', 'api-key', REGION, {}],
      ['secretsmanager-secret', 'signing', REGION, { owner: 'identity' }],
      ['lambda-function', 'ingest', REGION, { owner: 'data-platform' }],
      ['lambda-function', 'resize', REGION, {}],
      ['lambda-function', 'report', REGION, { owner: 'finance' }],
    ]);
    expect(input.resources.map(r => r.arn)).not.toContain(awsManagedKey);
    expect(input.resourcePolicies?.map(p => [p.resourceArn, p.name])).toEqual([
      [paymentsKey, 'key policy'],
      [plainKey, 'key policy'],
      [ordersQueue, 'queue policy'],
      [alertsTopic, 'topic policy'],
      [eventsTopic, 'topic policy'],
      [auditTopic, 'topic policy'],
      [dbSecret, 'secret policy'],
      [ingestFunction, 'function policy'],
    ]);
    const statementOf = (resourceArn: string) => input.resourcePolicies?.find(p => p.resourceArn === resourceArn)?.document.statements[0];
    expect(statementOf(paymentsKey)).toMatchObject({ effect: 'Allow', action: ['kms:Decrypt'] });
    expect(statementOf(ordersQueue)).toMatchObject({ effect: 'Allow', action: ['sqs:SendMessage'], resource: [ordersQueue] });
    expect(statementOf(dbSecret)).toMatchObject({ effect: 'Allow', action: ['secretsmanager:GetSecretValue'] });
    expect(statementOf(ingestFunction)).toMatchObject({ effect: 'Allow', action: ['lambda:InvokeFunction'], resource: [ingestFunction] });
  });

  it('writes one export per account entry, with its own account and region, named apart when one role reads two regions', async () => {
    const asked: unknown[] = [];
    const second = { ...reader, region: 'ap-southeast-2' };
    const documents = await readAwsResourcePolicies(source({ accounts: [reader, second] }), async account => {
      asked.push(account);
      return account === reader
        ? { accountId: ACCOUNT, region: REGION, clients: fakeResourcePolicyClients(prod) }
        : { accountId: OTHER, region: 'ap-southeast-2', clients: fakeResourcePolicyClients(empty) };
    });
    expect(asked).toEqual([reader, second]);
    expect(documents.map(d => d.name)).toEqual([`aws-resource-policies:${reader.roleArn}@${REGION}`, `aws-resource-policies:${reader.roleArn}@ap-southeast-2`]);
    expect(JSON.parse(documents[1].text)).toEqual({ AccountId: OTHER, Region: 'ap-southeast-2', Resources: [] });
    expect(parseAwsResourcePolicies(documents[0].text, documents[0].name).resources).toHaveLength(14);
  });

  it.each([
    ['keys', paymentsKey, 'KMS key 1111aaaa-1111-aaaa-1111-aaaa1111aaaa', 'kms:GetKeyPolicy'],
    ['queues', deadLetters, 'SQS queue dead-letters', 'sqs:GetQueueAttributes'],
    ['topics', eventsTopic, 'SNS topic events', 'sns:GetTopicAttributes'],
    ['secrets', apiSecret, 'secret api-key', 'secretsmanager:GetResourcePolicy'],
    ['functions', reportFunction, 'Lambda function report', 'lambda:GetPolicy'],
  ] as const)('fails when the policy of one of the %s cannot be read, naming it and its account', async (service, denied, label, action) => {
    const account = { ...prod, [service]: prod[service].map(r => (r.arn === denied ? { ...r, denied: true } : r)) };
    await expect(readAwsResourcePolicies(source(), factoryOf(account))).rejects.toThrow(
      `${label} of account ${ACCOUNT}: User: arn:aws:sts::${ACCOUNT}:assumed-role/reader/s is not authorized to perform: ${action} on resource: ${denied}`,
    );
  });

  it('fails when a list is refused, naming the service, account and region', async () => {
    const factory: ResourcePoliciesClientFactory = async account => {
      const { clients, ...rest } = await factoryOf(prod)(account);
      const refused = Object.assign(new Error('User is not authorized to perform: sqs:listqueues'), { name: 'AccessDenied' });
      return { ...rest, clients: { ...clients, sqs: { send: async () => Promise.reject(refused) } } };
    };
    await expect(readAwsResourcePolicies(source(), factory)).rejects.toThrow(
      `listing the SQS queues of account ${ACCOUNT} in ${REGION}: User is not authorized to perform: sqs:listqueues`,
    );
  });

  it("refuses an account over the source's limit", async () => {
    await expect(readAwsResourcePolicies(source({ maxBytes: 500 }), factoryOf(prod))).rejects.toThrow(
      `aws-resource-policies:${reader.roleArn}@${REGION} returned more than the source's limit of 500 bytes`,
    );
  });
});
