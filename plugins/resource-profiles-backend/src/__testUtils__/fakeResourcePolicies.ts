import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
} from '@aws-sdk/client-kms';
import { GetPolicyCommand, ListFunctionsCommand, ListTagsCommand } from '@aws-sdk/client-lambda';
import { GetResourcePolicyCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { GetTopicAttributesCommand, ListTagsForResourceCommand, ListTopicsCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, ListQueuesCommand, ListQueueTagsCommand } from '@aws-sdk/client-sqs';
import { ResourcePolicyClients } from '../sources/readAwsResourcePolicies';

/** A resource as the fake's services hold it; its id or name is in its ARN. */
export interface FakeResource {
  arn: string;
  tags?: Record<string, string>;
  /** Absent: the resource has no resource policy. */
  policy?: object;
  /** KMS only: an AWS managed key. */
  awsManaged?: boolean;
  /** KMS only. */
  aliases?: string[];
  /** Reading the resource's policy answers AccessDenied. */
  denied?: boolean;
}

/** One account's resources, per service, in listing order. */
export interface FakeResourcePolicyAccount {
  keys: FakeResource[];
  queues: FakeResource[];
  topics: FakeResource[];
  secrets: FakeResource[];
  functions: FakeResource[];
}

/** A key's id, or a queue's, topic's, secret's or function's name (a secret's with its random suffix). */
const idOf = (arn: string) => arn.split(':').slice(5).join(':').replace(/^(key\/|secret:|function:)/, '');

/** The URL SQS lists a queue by. */
export const queueUrl = (arn: string) => {
  const [, , , region, account, name] = arn.split(':');
  return `https://sqs.${region}.amazonaws.com/${account}/${name}`;
};

/**
 * Fake KMS, SQS, SNS, Secrets Manager and Lambda clients over `account`, answering as the SDK does:
 * every list in pages of `pageSize` (each after the first behind a token), and each service's own
 * answer for a resource without a policy. Each call is recorded in `calls` as its command's name,
 * the resource or list it is for, and the token it passed.
 */
export function fakeResourcePolicyClients(
  account: FakeResourcePolicyAccount,
  calls: string[] = [],
  pageSize = 2,
): ResourcePolicyClients {
  const record = (command: object, ...details: (string | undefined)[]) =>
    calls.push([command.constructor.name.replace(/Command$/, ''), ...details].filter(Boolean).join(' '));
  /** The page of `items` that `token` (`<list>#<index>`) points to, and the next page's token. */
  const page = <T>(list: string, items: T[], token: string | undefined): [T[], string | undefined] => {
    const start = token ? Number(token.split('#')[1]) : 0;
    return [items.slice(start, start + pageSize), start + pageSize < items.length ? `${list}#${start + pageSize}` : undefined];
  };
  const find = (resources: FakeResource[], id: string | undefined) => {
    const found = resources.find(r => r.arn === id || idOf(r.arn) === id || queueUrl(r.arn) === id);
    if (!found) throw new Error(`the fake holds no ${id}`);
    return found;
  };
  const deny = (r: FakeResource, action: string) => {
    if (r.denied) {
      throw Object.assign(new Error(`User: arn:aws:sts::${r.arn.split(':')[4]}:assumed-role/reader/s is not authorized to perform: ${action} on resource: ${r.arn}`), {
        name: 'AccessDeniedException',
      });
    }
  };
  const policy = (r: FakeResource) => (r.policy ? JSON.stringify(r.policy) : undefined);
  const tagPairs = (r: FakeResource) => Object.entries(r.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  const $metadata = {};

  const kms = async (command: any) => {
    const { KeyId, Marker } = command.input;
    if (command instanceof ListKeysCommand) {
      record(command, Marker);
      const [keys, next] = page('keys', account.keys, Marker);
      return { Keys: keys.map(k => ({ KeyId: idOf(k.arn), KeyArn: k.arn })), NextMarker: next, Truncated: next !== undefined, $metadata };
    }
    if (command instanceof ListAliasesCommand) {
      record(command, Marker);
      const all = account.keys.flatMap(k => (k.aliases ?? []).map(AliasName => ({ AliasName, TargetKeyId: idOf(k.arn) })));
      const [aliases, next] = page('aliases', all, Marker);
      return { Aliases: aliases, NextMarker: next, Truncated: next !== undefined, $metadata };
    }
    record(command, KeyId, Marker);
    const key = find(account.keys, KeyId);
    if (command instanceof DescribeKeyCommand) {
      return { KeyMetadata: { KeyId, Arn: key.arn, KeyManager: key.awsManaged ? 'AWS' : 'CUSTOMER' }, $metadata };
    }
    if (command instanceof GetKeyPolicyCommand) {
      deny(key, 'kms:GetKeyPolicy');
      if (command.input.PolicyName !== 'default') throw Object.assign(new Error('No such policy'), { name: 'NotFoundException' });
      return { Policy: policy(key), PolicyName: 'default', $metadata };
    }
    if (command instanceof ListResourceTagsCommand) {
      const [tags, next] = page(`tags:${KeyId}`, tagPairs(key), Marker);
      return { Tags: tags.map(t => ({ TagKey: t.Key, TagValue: t.Value })), NextMarker: next, Truncated: next !== undefined, $metadata };
    }
    throw new Error(`unexpected command ${command.constructor.name}`);
  };

  const sqs = async (command: any) => {
    if (command instanceof ListQueuesCommand) {
      record(command, command.input.NextToken);
      const [queues, next] = page('queues', account.queues, command.input.NextToken);
      // As SQS does: without MaxResults, no NextToken.
      return { QueueUrls: queues.map(q => queueUrl(q.arn)), NextToken: command.input.MaxResults ? next : undefined, $metadata };
    }
    record(command, command.input.QueueUrl);
    const queue = find(account.queues, command.input.QueueUrl);
    if (command instanceof GetQueueAttributesCommand) {
      deny(queue, 'sqs:GetQueueAttributes');
      const names: string[] = command.input.AttributeNames ?? [];
      const attributes: Record<string, string | undefined> = { QueueArn: queue.arn, Policy: policy(queue), VisibilityTimeout: '30' };
      return { Attributes: Object.fromEntries(Object.entries(attributes).filter(([k, v]) => v !== undefined && (names.includes(k) || names.includes('All')))), $metadata };
    }
    if (command instanceof ListQueueTagsCommand) return { Tags: queue.tags, $metadata };
    throw new Error(`unexpected command ${command.constructor.name}`);
  };

  const sns = async (command: any) => {
    if (command instanceof ListTopicsCommand) {
      record(command, command.input.NextToken);
      const [topics, next] = page('topics', account.topics, command.input.NextToken);
      return { Topics: topics.map(t => ({ TopicArn: t.arn })), NextToken: next, $metadata };
    }
    const topic = find(account.topics, command.input.TopicArn ?? command.input.ResourceArn);
    record(command, topic.arn);
    if (command instanceof GetTopicAttributesCommand) {
      deny(topic, 'sns:GetTopicAttributes');
      return { Attributes: { TopicArn: topic.arn, Owner: topic.arn.split(':')[4], Policy: policy(topic) }, $metadata };
    }
    if (command instanceof ListTagsForResourceCommand) return { Tags: tagPairs(topic), $metadata };
    throw new Error(`unexpected command ${command.constructor.name}`);
  };

  const secretsManager = async (command: any) => {
    if (command instanceof ListSecretsCommand) {
      record(command, command.input.NextToken);
      const [listed, next] = page('secrets', account.secrets, command.input.NextToken);
      // ListSecrets leaves Tags out of a secret that has none.
      const SecretList = listed.map(s => ({ ARN: s.arn, Name: idOf(s.arn).replace(/-\w{6}$/, ''), Tags: s.tags && tagPairs(s) }));
      return { SecretList, NextToken: next, $metadata };
    }
    record(command, command.input.SecretId);
    const secret = find(account.secrets, command.input.SecretId);
    if (command instanceof GetResourcePolicyCommand) {
      deny(secret, 'secretsmanager:GetResourcePolicy');
      return { ARN: secret.arn, ResourcePolicy: policy(secret), $metadata };
    }
    throw new Error(`unexpected command ${command.constructor.name}`);
  };

  const lambda = async (command: any) => {
    if (command instanceof ListFunctionsCommand) {
      record(command, command.input.Marker);
      const [functions, next] = page('functions', account.functions, command.input.Marker);
      return { Functions: functions.map(f => ({ FunctionArn: f.arn, FunctionName: idOf(f.arn) })), NextMarker: next, $metadata };
    }
    const fn = find(account.functions, command.input.FunctionName ?? command.input.Resource);
    record(command, fn.arn);
    if (command instanceof GetPolicyCommand) {
      deny(fn, 'lambda:GetPolicy');
      if (!fn.policy) throw Object.assign(new Error('The resource you requested does not exist.'), { name: 'ResourceNotFoundException' });
      return { Policy: policy(fn), RevisionId: '1', $metadata };
    }
    if (command instanceof ListTagsCommand) return { Tags: fn.tags, $metadata };
    throw new Error(`unexpected command ${command.constructor.name}`);
  };

  return { kms: { send: kms }, sqs: { send: sqs }, sns: { send: sns }, secretsManager: { send: secretsManager }, lambda: { send: lambda } } as ResourcePolicyClients;
}
