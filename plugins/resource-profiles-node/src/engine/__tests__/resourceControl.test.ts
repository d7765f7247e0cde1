import { analyze } from '../analyze';
import { accountGuardrails } from '../guardrails';
import { mergeInputs } from '../merge';
import type { ParsedInput } from '../model';
import { parseAwsOrganizations } from '../parse/awsOrganizations';
import { parseCloudFormation } from '../parse/cloudformation';
import { parseTerraform } from '../parse/terraform';
import { now, terraformState } from './helpers';

const member = '111111111111';
const management = '999999999999';
const vendor = '444455556666';
const orgId = 'o-exampleorg1';

type Statement = Record<string, unknown>;
const policy = (...Statement: Statement[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const lambdaTrust = policy({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });

const state = terraformState;

/** A bucket and a topic of `account`, and a role there that may use them, delete any bucket or function, and read and write any secret. */
function account(accountId: string, bucketPolicy?: string, rolePath = '/'): ParsedInput {
  const bucketArn = `arn:aws:s3:::data-${accountId}`;
  const worker = {
    arn: `arn:aws:iam::${accountId}:role${rolePath}worker`,
    name: 'worker',
    path: rolePath,
    assume_role_policy: lambdaTrust,
    inline_policy: [
      { name: 'bucket', policy: policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteBucket'], Resource: [bucketArn, `${bucketArn}/*`] }) },
      { name: 'queues', policy: policy({ Effect: 'Allow', Action: ['sns:Publish'], Resource: `arn:aws:sns:eu-west-1:${accountId}:events` }) },
      { name: 'everywhere', policy: policy({ Effect: 'Allow', Action: ['s3:DeleteBucket', 'lambda:DeleteFunction', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'], Resource: '*' }) },
    ],
  };
  return parseTerraform(
    state({
      'aws_iam_role.worker': worker,
      'aws_s3_bucket.data': { arn: bucketArn, bucket: `data-${accountId}`, tags: { owner: 'data' }, policy: bucketPolicy ?? '' },
      'aws_sns_topic.events': { arn: `arn:aws:sns:eu-west-1:${accountId}:events`, name: 'events', tags: { owner: 'data' }, policy: '' },
    }),
    `${accountId}.tfstate`,
    { accountId },
  );
}

/** An Organizations export: the member account under an OU, the management account under the root, and RCPs on the OU. */
function organization(...rcps: Statement[][]): ParsedInput {
  return parseAwsOrganizations(
    JSON.stringify({
      Organization: { Id: orgId, MasterAccountId: management },
      Roots: [{ Id: 'r-ex12', Name: 'Root' }],
      OrganizationalUnits: [{ Id: 'ou-ex12-workloads', ParentId: 'r-ex12', Name: 'Workloads' }],
      Accounts: [
        { Id: member, ParentId: 'ou-ex12-workloads' },
        { Id: management, ParentId: 'r-ex12' },
      ],
      Policies: [
        { Id: 'p-FullAWSAccess', Name: 'FullAWSAccess', Type: 'SERVICE_CONTROL_POLICY', Content: policy({ Effect: 'Allow', Action: '*', Resource: '*' }), TargetIds: ['r-ex12'] },
        ...rcps.map((statements, i) => ({ Id: `p-rcp${i}`, Name: `rcp-${i}`, Type: 'RESOURCE_CONTROL_POLICY', Content: policy(...statements), TargetIds: ['r-ex12', 'ou-ex12-workloads'] })),
      ],
    }),
    'organization.json',
  );
}

const noBucketDeletion: Statement = { Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: '*' };
const perimeter: Statement = {
  Effect: 'Deny',
  Principal: '*',
  Action: ['s3:*', 'sns:*'],
  Resource: '*',
  Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': orgId }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
};

const rowsOf = (result: ReturnType<typeof analyze>, resourceArn: string) =>
  result.roleMappings.filter(m => m.resourceArn === resourceArn).map(m => ({ principal: m.principalArn, level: m.accessLevel, count: m.actionCount, sample: m.sampleActions, conditions: m.conditions }));

describe('resource control policies', () => {
  const bucketArn = `arn:aws:s3:::data-${member}`;

  it('take what their Denies name away on the resources of the accounts below them', () => {
    const before = rowsOf(analyze(mergeInputs([account(member), organization()]), { now }), bucketArn);
    const after = rowsOf(analyze(mergeInputs([account(member), organization([noBucketDeletion])]), { now }), bucketArn);
    expect(before.map(r => [r.level, r.count])).toEqual([
      ['Read', 1],
      ['Write', 2],
    ]);
    expect(after.map(r => [r.level, r.count, r.sample])).toEqual([
      ['Read', 1, ['s3:GetObject']],
      ['Write', 1, ['s3:PutObject']],
    ]);
  });

  it('narrow account-wide rows to what they leave of the services they govern, leave other services alone, and are no SCPs', () => {
    const everything = { ...noBucketDeletion, Action: ['s3:DeleteBucket', 'sns:Publish', 'lambda:DeleteFunction'] };
    const result = analyze(mergeInputs([account(member), organization([everything])]), { now });
    expect(rowsOf(result, `arn:aws:sns:eu-west-1:${member}:events`).map(r => [r.level, r.count])).toEqual([['Write', 1]]);
    const accountWide = rowsOf(result, '*').filter(r => r.level === 'Write');
    expect(accountWide.map(r => [r.count, r.sample])).toEqual([[2, ['lambda:DeleteFunction', 'secretsmanager:PutSecretValue']]]);
    expect(result.stats.serviceControlPolicies).toBe(0);
    const [guardrails] = accountGuardrails(mergeInputs([account(member), organization([noBucketDeletion])])).filter(a => a.accountId === member);
    expect(guardrails.levels.flatMap(l => l.policies.map(p => p.name))).toEqual(['FullAWSAccess']);
    expect(guardrails.resourceControlLevels?.map(l => [l.targetId, l.policies.map(p => p.name)])).toEqual([
      ['r-ex12', ['rcp-0']],
      ['ou-ex12-workloads', ['rcp-0']],
    ]);
  });

  it('take a duty away: a conflict ends when an RCP keeps secret values from all but the application roles', () => {
    const conflicts = (...rcps: Statement[][]) =>
      analyze(mergeInputs([account(member), organization(...rcps)]), { now })
        .findings.filter(f => f.rule === 'sod-conflict')
        .map(f => f.method);
    expect(conflicts()).toEqual(['secrets-administration-vs-secrets-read']);
    const appsOnly = { Effect: 'Deny', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/app-*' } } };
    expect(conflicts([appsOnly])).toEqual([]);
  });

  it("leave the management account's resources and service-linked roles alone", () => {
    const inManagement = analyze(mergeInputs([account(management), organization([noBucketDeletion])]), { now });
    expect(rowsOf(inManagement, `arn:aws:s3:::data-${management}`).find(r => r.level === 'Write')?.count).toBe(2);
    const serviceLinked = analyze(mergeInputs([account(member, undefined, '/aws-service-role/s3.amazonaws.com/'), organization([noBucketDeletion])]), { now });
    expect(rowsOf(serviceLinked, bucketArn).find(r => r.level === 'Write')?.count).toBe(2);
  });

  it("know the organization's own principals: a data perimeter leaves them as they are", () => {
    const rows = rowsOf(analyze(mergeInputs([account(member), organization([perimeter])]), { now }), bucketArn);
    expect(rows.map(r => [r.level, r.count, r.conditions])).toEqual([
      ['Read', 1, undefined],
      ['Write', 2, undefined],
    ]);
  });

  it('make what a bucket policy gives another account conditional on the perimeter, in the finding and its rows', () => {
    const vendorRead = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${vendor}:root` }, Action: 's3:GetObject', Resource: `${bucketArn}/*` });
    const open = analyze(mergeInputs([account(member, vendorRead), organization()]), { now });
    const fenced = analyze(mergeInputs([account(member, vendorRead), organization([perimeter])]), { now });
    const finding = (result: ReturnType<typeof analyze>) => result.findings.find(f => f.rule === 'resource-policy-cross-account');
    expect(finding(open)).toMatchObject({ conditional: false });
    expect(finding(fenced)).toMatchObject({ conditional: true });
    expect(finding(fenced)!.evidence.conditions).toContainEqual({
      Deny: { 'StringNotEqualsIfExists:aws:PrincipalOrgID': [orgId], 'BoolIfExists:aws:PrincipalIsAWSService': ['false'] },
    });
    const [vendorRow] = rowsOf(fenced, bucketArn).filter(r => r.principal === `arn:aws:iam::${vendor}:root`);
    expect(vendorRow.conditions).toEqual(finding(fenced)!.evidence.conditions);
  });

  it('take back what a bucket policy gives another account when a Deny always applies', () => {
    const vendorAll = policy({ Effect: 'Allow', Principal: { AWS: vendor }, Action: ['s3:GetObject', 's3:DeleteBucket'], Resource: [bucketArn, `${bucketArn}/*`] });
    const rows = rowsOf(analyze(mergeInputs([account(member, vendorAll), organization([noBucketDeletion])]), { now }), bucketArn).filter(r => r.principal.includes(vendor));
    expect(rows.map(r => [r.level, r.sample])).toEqual([['Read', ['s3:GetObject']]]);
  });

  it('are read from Terraform and CloudFormation, attachments included', () => {
    const rcpContent = policy(noBucketDeletion);
    const terraform = parseTerraform(
      state({
        'aws_organizations_policy.rcp': { id: 'p-tfrcp', name: 'no-bucket-deletion', type: 'RESOURCE_CONTROL_POLICY', content: rcpContent },
        'aws_organizations_policy_attachment.rcp': { policy_id: 'p-tfrcp', target_id: member },
      }),
      'organization.tfstate',
    );
    expect(terraform.resourceControlPolicies?.map(p => [p.id, p.targetIds])).toEqual([['p-tfrcp', [member]]]);
    expect(terraform.serviceControlPolicies).toBeUndefined();
    const template = parseCloudFormation(
      JSON.stringify({ Resources: { Rcp: { Type: 'AWS::Organizations::Policy', Properties: { Name: 'no-bucket-deletion', Type: 'RESOURCE_CONTROL_POLICY', Content: JSON.parse(rcpContent), TargetIds: [member] } } } }),
      'organization.json',
    );
    expect(template.resourceControlPolicies?.map(p => [p.name, p.targetIds])).toEqual([['no-bucket-deletion', [member]]]);
    for (const input of [terraform, template]) {
      const write = rowsOf(analyze(mergeInputs([account(member), input]), { now }), bucketArn).find(r => r.level === 'Write');
      expect(write?.count).toBe(1);
    }
  });
});
