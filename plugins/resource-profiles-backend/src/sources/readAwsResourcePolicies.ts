import {
  DescribeKeyCommand,
  DescribeKeyCommandOutput,
  GetKeyPolicyCommand,
  GetKeyPolicyCommandOutput,
  KMSClient,
  ListAliasesCommand,
  ListAliasesCommandOutput,
  ListKeysCommand,
  ListKeysCommandOutput,
  ListResourceTagsCommand,
  ListResourceTagsCommandOutput,
} from '@aws-sdk/client-kms';
import {
  GetPolicyCommand,
  GetPolicyCommandOutput,
  LambdaClient,
  ListFunctionsCommand,
  ListFunctionsCommandOutput,
  ListTagsCommand,
  ListTagsCommandOutput,
} from '@aws-sdk/client-lambda';
import {
  GetResourcePolicyCommand,
  GetResourcePolicyCommandOutput,
  ListSecretsCommand,
  ListSecretsCommandOutput,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  GetTopicAttributesCommand,
  GetTopicAttributesCommandOutput,
  ListTagsForResourceCommand,
  ListTagsForResourceCommandOutput,
  ListTopicsCommand,
  ListTopicsCommandOutput,
  SNSClient,
} from '@aws-sdk/client-sns';
import {
  GetQueueAttributesCommand,
  GetQueueAttributesCommandOutput,
  ListQueuesCommand,
  ListQueuesCommandOutput,
  ListQueueTagsCommand,
  ListQueueTagsCommandOutput,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { awsClientConfig } from './awsClientConfig';
import { allPages, readEach, tagList } from './awsPaging';
import { LiveDocuments } from './liveDocuments';
import { SourceDocument } from './readSourceDocuments';
import { AwsAccountConfig, SourceConfig } from './sourceConfig';

/** The slices of the SDK clients this reader uses, so tests can pass fakes. */
export interface KmsClientLike {
  send(command: ListKeysCommand): Promise<ListKeysCommandOutput>;
  send(command: ListAliasesCommand): Promise<ListAliasesCommandOutput>;
  send(command: DescribeKeyCommand): Promise<DescribeKeyCommandOutput>;
  send(command: GetKeyPolicyCommand): Promise<GetKeyPolicyCommandOutput>;
  send(command: ListResourceTagsCommand): Promise<ListResourceTagsCommandOutput>;
}
export interface SqsClientLike {
  send(command: ListQueuesCommand): Promise<ListQueuesCommandOutput>;
  send(command: GetQueueAttributesCommand): Promise<GetQueueAttributesCommandOutput>;
  send(command: ListQueueTagsCommand): Promise<ListQueueTagsCommandOutput>;
}
export interface SnsClientLike {
  send(command: ListTopicsCommand): Promise<ListTopicsCommandOutput>;
  send(command: GetTopicAttributesCommand): Promise<GetTopicAttributesCommandOutput>;
  send(command: ListTagsForResourceCommand): Promise<ListTagsForResourceCommandOutput>;
}
export interface SecretsManagerClientLike {
  send(command: ListSecretsCommand): Promise<ListSecretsCommandOutput>;
  send(command: GetResourcePolicyCommand): Promise<GetResourcePolicyCommandOutput>;
}
export interface LambdaClientLike {
  send(command: ListFunctionsCommand): Promise<ListFunctionsCommandOutput>;
  send(command: GetPolicyCommand): Promise<GetPolicyCommandOutput>;
  send(command: ListTagsCommand): Promise<ListTagsCommandOutput>;
}

export interface ResourcePolicyClients {
  kms: KmsClientLike;
  sqs: SqsClientLike;
  sns: SnsClientLike;
  secretsManager: SecretsManagerClientLike;
  lambda: LambdaClientLike;
}

/** The clients for one account, that account's id and the region they read. */
export type ResourcePoliciesClientFactory = (
  account: AwsAccountConfig,
) => Promise<{ accountId: string; region: string; clients: ResourcePolicyClients }>;

/** Clients from the default credential chain, assuming the account's role when one is set. */
export const defaultResourcePoliciesClientFactory: ResourcePoliciesClientFactory = async account => {
  const config = await awsClientConfig(account);
  const { Account } = await new STSClient(config).send(new GetCallerIdentityCommand({}));
  if (!Account) throw new Error(`GetCallerIdentity for ${account.roleArn ?? 'the default credentials'} returned no account`);
  return {
    accountId: Account,
    region: config.region,
    clients: {
      kms: new KMSClient(config),
      sqs: new SQSClient(config),
      sns: new SNSClient(config),
      secretsManager: new SecretsManagerClient(config),
      lambda: new LambdaClient(config),
    },
  };
};

/** One entry of the export's `Resources`, the shape `parseAwsResourcePolicies` reads. */
interface ExportedResource {
  Arn: string;
  Name?: string;
  Tags: { Key: string; Value: string }[];
  Policy?: string;
}

/** A listed resource: what to call it when it cannot be read, and how to read it (`undefined`: leave it out). */
interface Listed {
  label: string;
  read: () => Promise<ExportedResource | undefined>;
}

/** Customer managed keys, with their key policy, tags and first alias; AWS managed keys are left out. */
async function kmsKeys({ kms }: ResourcePolicyClients): Promise<Listed[]> {
  const keys = await allPages(async Marker => {
    const page = await kms.send(new ListKeysCommand({ Marker, Limit: 1000 }));
    return { items: page.Keys, nextToken: page.Truncated ? page.NextMarker : undefined };
  });
  const aliases = await allPages(async Marker => {
    const page = await kms.send(new ListAliasesCommand({ Marker, Limit: 100 }));
    return { items: page.Aliases, nextToken: page.Truncated ? page.NextMarker : undefined };
  });
  const aliasOf = new Map<string, string>();
  for (const a of aliases) if (a.TargetKeyId && a.AliasName && !aliasOf.has(a.TargetKeyId)) aliasOf.set(a.TargetKeyId, a.AliasName);

  return keys.flatMap(({ KeyId, KeyArn }) => {
    if (!KeyId || !KeyArn) return [];
    const read = async () => {
      const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId }));
      if (KeyMetadata?.KeyManager === 'AWS') return undefined;
      const [policy, tags] = await Promise.all([
        kms.send(new GetKeyPolicyCommand({ KeyId, PolicyName: 'default' })),
        allPages(async Marker => {
          const page = await kms.send(new ListResourceTagsCommand({ KeyId, Marker, Limit: 50 }));
          return { items: page.Tags, nextToken: page.Truncated ? page.NextMarker : undefined };
        }),
      ]);
      return {
        Arn: KeyArn,
        Name: aliasOf.get(KeyId),
        Tags: tagList(tags.map(t => ({ Key: t.TagKey, Value: t.TagValue }))),
        Policy: policy.Policy,
      };
    };
    return [{ label: `KMS key ${KeyId}`, read }];
  });
}

async function sqsQueues({ sqs }: ResourcePolicyClients): Promise<Listed[]> {
  // SQS answers a NextToken only when MaxResults is set.
  const urls = await allPages(async NextToken => {
    const page = await sqs.send(new ListQueuesCommand({ NextToken, MaxResults: 1000 }));
    return { items: page.QueueUrls, nextToken: page.NextToken };
  });
  return urls.map(QueueUrl => ({
    label: `SQS queue ${QueueUrl.slice(QueueUrl.lastIndexOf('/') + 1)}`,
    read: async () => {
      const [{ Attributes }, { Tags }] = await Promise.all([
        sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn', 'Policy'] })),
        sqs.send(new ListQueueTagsCommand({ QueueUrl })),
      ]);
      if (!Attributes?.QueueArn) throw new Error('GetQueueAttributes returned no QueueArn');
      return { Arn: Attributes.QueueArn, Tags: tagList(Tags), Policy: Attributes.Policy };
    },
  }));
}

async function snsTopics({ sns }: ResourcePolicyClients): Promise<Listed[]> {
  const topics = await allPages(async NextToken => {
    const page = await sns.send(new ListTopicsCommand({ NextToken }));
    return { items: page.Topics, nextToken: page.NextToken };
  });
  return topics.flatMap(({ TopicArn }) => {
    if (!TopicArn) return [];
    const read = async () => {
      const [{ Attributes }, { Tags }] = await Promise.all([
        sns.send(new GetTopicAttributesCommand({ TopicArn })),
        sns.send(new ListTagsForResourceCommand({ ResourceArn: TopicArn })),
      ]);
      return { Arn: TopicArn, Tags: tagList(Tags), Policy: Attributes?.Policy };
    };
    return [{ label: `SNS topic ${TopicArn.slice(TopicArn.lastIndexOf(':') + 1)}`, read }];
  });
}

async function secrets({ secretsManager }: ResourcePolicyClients): Promise<Listed[]> {
  const listed = await allPages(async NextToken => {
    const page = await secretsManager.send(new ListSecretsCommand({ NextToken, MaxResults: 100 }));
    return { items: page.SecretList, nextToken: page.NextToken };
  });
  return listed.flatMap(({ ARN, Name, Tags }) => {
    if (!ARN) return [];
    const read = async () => {
      // A secret without a resource policy answers no ResourcePolicy.
      const { ResourcePolicy } = await secretsManager.send(new GetResourcePolicyCommand({ SecretId: ARN }));
      return { Arn: ARN, Name, Tags: tagList(Tags), Policy: ResourcePolicy };
    };
    return [{ label: `secret ${Name ?? ARN}`, read }];
  });
}

async function lambdaFunctions({ lambda }: ResourcePolicyClients): Promise<Listed[]> {
  const functions = await allPages(async Marker => {
    const page = await lambda.send(new ListFunctionsCommand({ Marker, MaxItems: 50 }));
    return { items: page.Functions, nextToken: page.NextMarker };
  });
  return functions.flatMap(({ FunctionArn, FunctionName }) => {
    if (!FunctionArn) return [];
    const read = async () => {
      const [policy, { Tags }] = await Promise.all([
        lambda.send(new GetPolicyCommand({ FunctionName: FunctionArn })).catch(error => {
          // A function without a resource policy answers ResourceNotFoundException.
          if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
          throw error;
        }),
        lambda.send(new ListTagsCommand({ Resource: FunctionArn })),
      ]);
      return { Arn: FunctionArn, Name: FunctionName, Tags: tagList(Tags), Policy: policy?.Policy };
    };
    return [{ label: `Lambda function ${FunctionName ?? FunctionArn}`, read }];
  });
}

const services = [
  { what: 'KMS keys', list: kmsKeys },
  { what: 'SQS queues', list: sqsQueues },
  { what: 'SNS topics', list: snsTopics },
  { what: 'secrets', list: secrets },
  { what: 'Lambda functions', list: lambdaFunctions },
];

/**
 * Reads each account's KMS keys, SQS queues, SNS topics, Secrets Manager secrets and Lambda
 * functions in the account entry's region into one resource policy export per account entry (the
 * shape `parseAwsResourcePolicies` reads): every resource with its resource policy and tags. A
 * resource whose policy or tags cannot be read fails the source rather than leaving a gap.
 */
export async function readAwsResourcePolicies(
  source: SourceConfig,
  clientFactory: ResourcePoliciesClientFactory = defaultResourcePoliciesClientFactory,
): Promise<SourceDocument[]> {
  const out = new LiveDocuments(source);
  for (const account of source.accounts ?? []) {
    const { accountId, region, clients } = await clientFactory(account);
    const listed: Listed[] = [];
    for (const { what, list } of services) {
      try {
        listed.push(...(await list(clients)));
      } catch (error) {
        throw new Error(`listing the ${what} of account ${accountId} in ${region}: ${(error as Error).message}`);
      }
    }
    const read = await readEach(listed, l => l.read(), l => `${l.label} of account ${accountId}`);
    out.add(account, { AccountId: accountId, Region: region, Resources: read.filter(r => r !== undefined) });
  }
  return out.documents;
}
