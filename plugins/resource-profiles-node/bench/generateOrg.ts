/**
 * Synthetic organisations for the benchmark: N principals (60 % users, 40 % roles), 2·N
 * customer-managed policies, N/50 groups and N/5 resources, with a realistic mix of wildcards,
 * scoped resources, conditions, denies, NotAction and trust relationships. Deterministic per seed.
 */

export interface SyntheticOrg {
  authorizationDetails: string;
  terraformState: string;
}

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateOrg(principals: number, seed = 42): SyntheticOrg {
  const rnd = prng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const accounts = Array.from({ length: Math.max(1, Math.round(principals / 2000)) }, (_, i) => String(100000000000 + i * 7919));
  const users = Math.round(principals * 0.6);
  const roles = principals - users;
  const groups = Math.max(1, Math.round(principals / 50));
  const policies = principals * 2;
  const resources = Math.max(10, Math.round(principals / 5));

  const accountOf = (i: number) => accounts[i % accounts.length];
  const bucket = (i: number) => `arn:aws:s3:::data-${i}`;
  const table = (i: number) => `arn:aws:dynamodb:eu-west-1:${accountOf(i)}:table/table-${i}`;
  const roleArn = (i: number) => `arn:aws:iam::${accountOf(i)}:role/role-${i}`;
  const userArn = (i: number) => `arn:aws:iam::${accountOf(i)}:user/user-${i}`;
  const policyArn = (i: number) => `arn:aws:iam::${accountOf(i)}:policy/policy-${i}`;

  const statement = () => {
    const r = rnd();
    const res = Math.floor(rnd() * resources);
    if (r < 0.35) return { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'], Resource: [bucket(res), `${bucket(res)}/*`] };
    if (r < 0.5) return { Effect: 'Allow', Action: 'dynamodb:*', Resource: table(res) };
    if (r < 0.65) return { Effect: 'Allow', Action: pick(['ec2:Describe*', 's3:List*', 'logs:*', 'cloudwatch:Get*', 'sqs:*', 'lambda:Get*']), Resource: '*' };
    if (r < 0.73) {
      const condition = pick([
        { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        { DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
        { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
        { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      ]);
      return { Effect: 'Allow', Action: pick(['iam:PassRole', 'secretsmanager:GetSecretValue', 'kms:Decrypt', 's3:*']), Resource: '*', Condition: condition };
    }
    if (r < 0.8) return { Effect: 'Deny', Action: pick(['iam:*', 's3:DeleteBucket', 'kms:ScheduleKeyDeletion', 'iam:Attach*']), Resource: '*' };
    if (r < 0.84) return { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' };
    if (r < 0.9) return { Effect: 'Allow', Action: pick([['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], ['iam:CreateAccessKey'], ['codepipeline:PutApprovalResult'], ['codedeploy:CreateDeployment'], ['secretsmanager:PutSecretValue']]), Resource: '*' };
    if (r < 0.97) return { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn(Math.floor(rnd() * roles)) };
    if (r < 0.995) return { Effect: 'Allow', Action: pick(['kms:CreateKey', 'kms:Encrypt', 'cloudtrail:StopLogging', 'iam:CreateUser']), Resource: '*' };
    return { Effect: 'Allow', Action: '*', Resource: '*' };
  };
  const document = () => ({ Version: '2012-10-17', Statement: Array.from({ length: 1 + Math.floor(rnd() * 3) }, statement) });
  const attached = (n: number) => Array.from({ length: n }, () => {
    const i = Math.floor(rnd() * policies);
    return { PolicyName: `policy-${i}`, PolicyArn: policyArn(i) };
  });
  const tags = (i: number) => (rnd() < 0.7 ? [{ Key: 'owner', Value: `team-${i % 40}` }] : []);

  const trust = (i: number) => {
    const r = rnd();
    let principal: Record<string, string> = { AWS: `arn:aws:iam::999999999999:root` };
    if (r < 0.5) principal = { Service: pick(['lambda.amazonaws.com', 'ec2.amazonaws.com', 'ecs-tasks.amazonaws.com']) };
    else if (r < 0.8) principal = { AWS: `arn:aws:iam::${accountOf(i)}:root` };
    else if (r < 0.95) principal = { AWS: userArn(Math.floor(rnd() * users)) };
    return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(rnd() < 0.2 ? { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } } : {}) }] };
  };

  const details = {
    UserDetailList: Array.from({ length: users }, (_, i) => ({
      Path: '/',
      UserName: `user-${i}`,
      Arn: userArn(i),
      CreateDate: '2023-01-01T00:00:00Z',
      UserPolicyList: rnd() < 0.3 ? [{ PolicyName: 'inline', PolicyDocument: document() }] : [],
      GroupList: Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => `group-${Math.floor(rnd() * groups)}`),
      AttachedManagedPolicies: attached(Math.floor(rnd() * 3)),
      Tags: tags(i),
    })),
    GroupDetailList: Array.from({ length: groups }, (_, i) => ({
      Path: '/',
      GroupName: `group-${i}`,
      Arn: `arn:aws:iam::${accountOf(i)}:group/group-${i}`,
      GroupPolicyList: rnd() < 0.5 ? [{ PolicyName: 'inline', PolicyDocument: document() }] : [],
      AttachedManagedPolicies: attached(1 + Math.floor(rnd() * 2)),
    })),
    RoleDetailList: Array.from({ length: roles }, (_, i) => ({
      Path: '/',
      RoleName: `role-${i}`,
      Arn: roleArn(i),
      CreateDate: '2023-01-01T00:00:00Z',
      AssumeRolePolicyDocument: trust(i),
      InstanceProfileList: [],
      RolePolicyList: rnd() < 0.4 ? [{ PolicyName: 'inline', PolicyDocument: document() }] : [],
      AttachedManagedPolicies: attached(1 + Math.floor(rnd() * 3)),
      Tags: tags(i),
      RoleLastUsed: rnd() < 0.8 ? { LastUsedDate: `2026-0${  1 + Math.floor(rnd() * 5)  }-15T00:00:00Z`, Region: 'eu-west-1' } : {},
    })),
    Policies: Array.from({ length: policies }, (_, i) => ({
      PolicyName: `policy-${i}`,
      Arn: policyArn(i),
      Path: '/',
      DefaultVersionId: 'v1',
      AttachmentCount: 1,
      IsAttachable: true,
      PolicyVersionList: [{ Document: document(), VersionId: 'v1', IsDefaultVersion: true, CreateDate: '2024-01-01T00:00:00Z' }],
    })),
  };

  const state = {
    version: 4,
    terraform_version: '1.9.5',
    serial: 1,
    lineage: 'bench',
    resources: Array.from({ length: resources }, (_, i) => {
      const isBucket = i % 2 === 0;
      return {
        mode: 'managed',
        type: isBucket ? 'aws_s3_bucket' : 'aws_dynamodb_table',
        name: `r${i}`,
        instances: [{ attributes: { arn: isBucket ? bucket(i) : table(i), [isBucket ? 'bucket' : 'name']: isBucket ? `data-${i}` : `table-${i}`, tags: rnd() < 0.8 ? { owner: `team-${i % 40}` } : {} } }],
      };
    }),
  };
  return { authorizationDetails: JSON.stringify(details), terraformState: JSON.stringify(state) };
}
