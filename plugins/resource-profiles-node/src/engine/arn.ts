/** ARN parsing and the resource kinds the product names. */

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return {
    partition: parts[1],
    service: parts[2],
    region: parts[3],
    accountId: parts[4],
    resource: parts.slice(5).join(':'),
  };
}

export function accountOf(arn: string): string {
  return parseArn(arn)?.accountId ?? '';
}

export const isAwsManagedPolicyArn = (arn: string) => /^arn:[^:]+:iam::aws:policy\//.test(arn);

/** `https://sqs.eu-west-1.amazonaws.com/123456789012/name` → `arn:aws:sqs:eu-west-1:123456789012:name`. */
export function queueArnFromUrl(url: string | undefined): string | undefined {
  const m = url && /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(\d{12})\/([^/]+)$/.exec(url);
  return m ? `arn:aws:sqs:${m[1]}:${m[2]}:${m[3]}` : undefined;
}

/** Last path segment of an ARN's resource part (`role/path/name` → `name`). */
export function nameFromArn(arn: string): string {
  const resource = parseArn(arn)?.resource ?? arn;
  const afterType = resource.includes('/') ? resource.slice(resource.lastIndexOf('/') + 1) : resource;
  return afterType.includes(':') ? afterType.slice(afterType.lastIndexOf(':') + 1) : afterType;
}

/** Maps a Terraform type or CloudFormation type to the product's kebab-case kind. */
const knownKinds: Record<string, string> = {
  aws_s3_bucket: 's3-bucket',
  'AWS::S3::Bucket': 's3-bucket',
  aws_db_instance: 'rds-instance',
  'AWS::RDS::DBInstance': 'rds-instance',
  aws_rds_cluster: 'rds-cluster',
  'AWS::RDS::DBCluster': 'rds-cluster',
  aws_iam_role: 'iam-role',
  'AWS::IAM::Role': 'iam-role',
  aws_iam_user: 'iam-user',
  'AWS::IAM::User': 'iam-user',
  aws_iam_group: 'iam-group',
  'AWS::IAM::Group': 'iam-group',
  aws_iam_policy: 'iam-policy',
  'AWS::IAM::ManagedPolicy': 'iam-policy',
  aws_lambda_function: 'lambda-function',
  'AWS::Lambda::Function': 'lambda-function',
  aws_dynamodb_table: 'dynamodb-table',
  'AWS::DynamoDB::Table': 'dynamodb-table',
  aws_kms_key: 'kms-key',
  'AWS::KMS::Key': 'kms-key',
  aws_secretsmanager_secret: 'secretsmanager-secret',
  'AWS::SecretsManager::Secret': 'secretsmanager-secret',
  aws_sqs_queue: 'sqs-queue',
  'AWS::SQS::Queue': 'sqs-queue',
  aws_sns_topic: 'sns-topic',
  'AWS::SNS::Topic': 'sns-topic',
  aws_instance: 'ec2-instance',
  'AWS::EC2::Instance': 'ec2-instance',
  aws_ecr_repository: 'ecr-repository',
  'AWS::ECR::Repository': 'ecr-repository',
  aws_ecs_cluster: 'ecs-cluster',
  'AWS::ECS::Cluster': 'ecs-cluster',
  aws_eks_cluster: 'eks-cluster',
  'AWS::EKS::Cluster': 'eks-cluster',
  aws_cloudtrail: 'cloudtrail-trail',
  'AWS::CloudTrail::Trail': 'cloudtrail-trail',
};

export function kindFromIacType(type: string): string {
  if (knownKinds[type]) return knownKinds[type];
  if (type.startsWith('aws_')) return type.slice(4).replace(/_/g, '-');
  const m = /^AWS::([^:]+)::(.+)$/.exec(type);
  if (m) return `${m[1]}-${m[2]}`.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return type.toLowerCase();
}

/** Derives a kind from an ARN when no IaC type is known. */
export function kindFromArn(arn: string): string {
  const p = parseArn(arn);
  if (!p) return 'unknown';
  if (p.service === 's3' && !p.resource.includes('/')) return 's3-bucket';
  if (p.service === 'rds' && p.resource.startsWith('db:')) return 'rds-instance';
  const head = p.resource.split(/[/:]/)[0];
  return `${p.service}-${head}`;
}

/** The catalog's resource-type name an action must declare to apply to a resource of this kind. */
export const catalogResourceTypesOf: Record<string, string[]> = {
  's3-bucket': ['bucket', 'object'],
  'rds-instance': ['db'],
  'rds-cluster': ['cluster'],
  'iam-role': ['role'],
  'iam-user': ['user'],
  'iam-group': ['group'],
  'iam-policy': ['policy'],
  'lambda-function': ['function'],
  'dynamodb-table': ['table'],
  'kms-key': ['key'],
  'secretsmanager-secret': ['Secret'],
  'sqs-queue': ['queue'],
  'sns-topic': ['topic'],
  'ec2-instance': ['instance'],
  'ecr-repository': ['repository'],
  'ecs-cluster': ['cluster'],
  'eks-cluster': ['cluster'],
  'cloudtrail-trail': ['trail'],
};
