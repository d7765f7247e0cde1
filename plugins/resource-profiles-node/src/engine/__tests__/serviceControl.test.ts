import { analyze } from '../analyze';
import { mergeInputs } from '../merge';
import type { ParsedInput } from '../model';
import { parseAwsAuthorizationDetails } from '../parse/awsAuthorizationDetails';
import { parseAwsOrganizations } from '../parse/awsOrganizations';
import { parseCloudFormation } from '../parse/cloudformation';
import { InputParseError } from '../parse/InputParseError';
import { parseTerraform } from '../parse/terraform';
import { doc, inline, now, readFixture, user, userArn } from './helpers';

const workloads = () => parseAwsAuthorizationDetails(readFixture('semantics/scp-workloads-account.json'), 'workloads.json');
const organization = () => parseTerraform(readFixture('semantics/organization-scps.tfstate'), 'organization.tfstate');
const run = (...inputs: ParsedInput[]) => analyze(mergeInputs(inputs), { now });
const alice = userArn('alice');

const escalation = (result: ReturnType<typeof run>, principal: string, method: string) =>
  result.findings.find(f => f.rule === 'privilege-escalation' && f.principal?.arn === principal && f.method === method);

/** Terraform state holding only the resources given. */
const state = (...resources: { type: string; name: string; attributes: Record<string, unknown> }[]) =>
  JSON.stringify({ version: 4, resources: resources.map(r => ({ mode: 'managed', type: r.type, name: r.name, instances: [{ attributes: r.attributes }] })) });

const snapshotOf = (statements: Record<string, unknown>[]) =>
  parseAwsAuthorizationDetails(JSON.stringify({ UserDetailList: [user('alice', { UserPolicyList: inline(doc(...statements)) })] }), 'account.json');

describe('service control policies', () => {
  it('keeps a path an SCP denies only under an unknown condition, as conditional with the Deny in its evidence', () => {
    const hit = escalation(run(workloads(), organization()), alice, 'PassExistingRoleToNewLambdaThenInvoke');
    expect(hit?.conditional).toBe(true);
    expect(hit?.evidence.conditions).toContainEqual({ Deny: { 'StringNotEquals:aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } });
    expect(escalation(run(workloads()), alice, 'PassExistingRoleToNewLambdaThenInvoke')?.conditional).toBe(false);
  });

  it('narrows role mappings: what the SCPs deny or do not allow is not counted', () => {
    const written = (result: ReturnType<typeof run>) =>
      result.roleMappings.filter(m => m.principalArn === alice && m.resourceArn === '*' && m.accessLevel === 'Write').reduce((n, m) => n + m.actionCount, 0);
    // iam:CreateAccessKey (denied by the OU's SCP) and ec2:RunInstances (outside the account's allow-list) go.
    expect(written(run(workloads()))).toBe(5);
    expect(written(run(workloads(), organization()))).toBe(3);
  });

  it('an explicitly attached FullAWSAccess beside an allow-list leaves everything allowed', () => {
    const text = readFixture('semantics/organization-scps.tfstate');
    const withFullAccess = JSON.parse(text);
    withFullAccess.resources.push({ mode: 'managed', type: 'aws_organizations_policy_attachment', name: 'full', instances: [{ attributes: { policy_id: 'p-FullAWSAccess', target_id: '111111111111' } }] });
    const result = run(workloads(), parseTerraform(JSON.stringify(withFullAccess), 'organization.tfstate'));
    expect(escalation(result, alice, 'CreateEC2WithExistingIP')).toBeDefined();
    expect(result.warnings.filter(w => w.includes('p-FullAWSAccess'))).toEqual([]);
  });

  it('warns about attachments it cannot place, and is silent about other policy types', () => {
    const sandbox = parseAwsAuthorizationDetails(readFixture('semantics/scp-sandbox-account.json'), 'sandbox.json');
    const result = run(sandbox, organization());
    // The inputs hold no principal in an account under the OU, nor in the prod account.
    expect(result.warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/protect-iam is attached to ou-ex12-workload, but no principal/), expect.stringMatching(/approved-services is attached to 111111111111/)]),
    );
    expect(result.warnings.some(w => w.includes('p-tags'))).toBe(false);
    // Only the root's region guard limits the sandbox account.
    expect(result.stats.serviceControlPolicies).toBe(1);
    // An analysis scoped to some principals cannot tell that an attachment reaches no one.
    const scoped = analyze(mergeInputs([sandbox, organization()]), { now, principalScope: [result.principals[0].arn] });
    expect(scoped.warnings.filter(w => w.includes('limits nothing here'))).toEqual([]);
    expect(run(workloads(), organization()).stats.serviceControlPolicies).toBe(3);

    const orphan = parseTerraform(state({ type: 'aws_organizations_policy_attachment', name: 'a', attributes: { policy_id: 'p-elsewhere', target_id: 'r-1' } }), 'orphan.tfstate');
    expect(mergeInputs([orphan]).warnings).toEqual([expect.stringContaining('orphan.tfstate: aws_organizations_policy_attachment.a attaches p-elsewhere, which no input defines as a service or resource control policy')]);
  });

  it('links an attachment to the SCP another input defines', () => {
    const policies = parseTerraform(
      state({ type: 'aws_organizations_policy', name: 'deny_keys', attributes: { id: 'p-elsewhere', name: 'deny-keys', type: 'SERVICE_CONTROL_POLICY', content: JSON.stringify(doc({ Effect: 'Deny', Action: 'iam:CreateAccessKey', Resource: '*' })) } }),
      'policies.tfstate',
    );
    const attachments = parseTerraform(state({ type: 'aws_organizations_policy_attachment', name: 'prod', attributes: { policy_id: 'p-elsewhere', target_id: '111111111111' } }), 'attachments.tfstate');
    const account = snapshotOf([{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' }]);
    const model = mergeInputs([account, attachments, policies]);
    expect(model.serviceControlPolicies).toEqual([expect.objectContaining({ id: 'p-elsewhere', targetIds: ['111111111111'] })]);
    expect(model.warnings).toEqual([]);
    expect(escalation(analyze(model, { now }), alice, 'CreateAccessKey')).toBeUndefined();
    // The defining input itself is left as it was.
    expect(policies.serviceControlPolicies?.[0].targetIds).toEqual([]);
  });

  it('does not limit an account whose place in the organization is unknown by an SCP on the root', () => {
    const rootOnly = parseTerraform(
      state(
        { type: 'aws_organizations_policy', name: 'deny_keys', attributes: { id: 'p-1', name: 'deny-keys', type: 'SERVICE_CONTROL_POLICY', content: JSON.stringify(doc({ Effect: 'Deny', Action: 'iam:CreateAccessKey', Resource: '*' })) } },
        { type: 'aws_organizations_policy_attachment', name: 'a', attributes: { policy_id: 'p-1', target_id: 'r-1' } },
      ),
      'root.tfstate',
    );
    const account = () => snapshotOf([{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' }]);
    expect(escalation(run(account(), rootOnly), alice, 'CreateAccessKey')).toBeDefined();
    const member = parseTerraform(state({ type: 'aws_organizations_organization', name: 'o', attributes: { master_account_id: '999999999999', roots: [{ id: 'r-1' }], accounts: [{ id: '111111111111' }] } }), 'org.tfstate');
    expect(escalation(run(account(), rootOnly, member), alice, 'CreateAccessKey')).toBeUndefined();
  });

  it('follows a Terraform plan that adds an SCP and attaches it by reference', () => {
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            { address: 'aws_organizations_policy.deny_keys', mode: 'managed', type: 'aws_organizations_policy', name: 'deny_keys', values: { name: 'deny-keys', type: 'SERVICE_CONTROL_POLICY', content: JSON.stringify(doc({ Effect: 'Deny', Action: 'iam:CreateAccessKey', Resource: '*' })) } },
            { address: 'aws_organizations_policy_attachment.prod', mode: 'managed', type: 'aws_organizations_policy_attachment', name: 'prod', values: { target_id: '111111111111' } },
          ],
        },
      },
      resource_changes: [
        { address: 'aws_organizations_policy.deny_keys', change: { actions: ['create'], after_unknown: { id: true, arn: true } } },
        { address: 'aws_organizations_policy_attachment.prod', change: { actions: ['create'], after_unknown: { id: true, policy_id: true } } },
      ],
      configuration: {
        root_module: {
          resources: [{ address: 'aws_organizations_policy_attachment.prod', expressions: { policy_id: { references: ['aws_organizations_policy.deny_keys.id', 'aws_organizations_policy.deny_keys'] }, target_id: { constant_value: '111111111111' } } }],
        },
      },
    };
    const parsed = parseTerraform(JSON.stringify(plan), 'plan.json');
    expect(parsed.serviceControlPolicies).toEqual([expect.objectContaining({ id: 'aws_organizations_policy.deny_keys', planned: true, targetIds: ['111111111111'] })]);
    expect(escalation(run(snapshotOf([{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' }]), parsed), alice, 'CreateAccessKey')).toBeUndefined();
  });

  it('reads SCPs from CloudFormation, with the content as YAML and targets as ids or OU references', () => {
    const template = [
      'Resources:',
      '  Workloads:',
      '    Type: AWS::Organizations::OrganizationalUnit',
      '    Properties:',
      '      Name: Workloads',
      '      ParentId: r-ex12',
      '  DenyKeys:',
      '    Type: AWS::Organizations::Policy',
      '    Properties:',
      '      Name: deny-keys',
      '      Type: SERVICE_CONTROL_POLICY',
      '      TargetIds: ["111111111111", !Ref Workloads]',
      '      Content:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - Effect: Deny',
      '            Action: iam:CreateAccessKey',
      '            Resource: "*"',
    ].join('\n');
    const parsed = parseCloudFormation(template, 'org.yaml', { accountId: '999999999999' });
    expect(parsed.serviceControlPolicies).toEqual([expect.objectContaining({ id: 'DenyKeys', name: 'deny-keys', targetIds: ['111111111111', 'Workloads'] })]);
    expect(parsed.organization?.parents).toEqual({ Workloads: 'r-ex12' });
    expect(parsed.organization?.names).toEqual({ Workloads: 'Workloads' });
    expect(escalation(run(snapshotOf([{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' }]), parsed), alice, 'CreateAccessKey')).toBeUndefined();
  });

  it('rejects malformed SCP content with the file and the JSON path', () => {
    const broken = state({ type: 'aws_organizations_policy', name: 'bad', attributes: { id: 'p-1', type: 'SERVICE_CONTROL_POLICY', content: '{"Statement": [' } });
    expect(() => parseTerraform(broken, 'broken.tfstate')).toThrow(InputParseError);
    expect(() => parseTerraform(broken, 'broken.tfstate')).toThrow(/broken\.tfstate: \$\.resources\[0\]\.instances\[0\]\.attributes\.content: policy document is not valid JSON/);
  });

  it('reads an AWS Organizations export, and rejects a malformed one with the JSON path', () => {
    const text = readFixture('semantics/organization-export.json');
    const parsed = parseAwsOrganizations(text, 'export.json');
    expect(parsed.organization).toMatchObject({ managementAccountId: '999999999999', rootIds: ['r-ex12'], parents: { '111111111111': 'ou-ex12-workload', 'ou-ex12-workload': 'r-ex12' } });
    // The tag policy is not a service control policy.
    expect(parsed.serviceControlPolicies?.map(p => p.id)).toEqual(['p-FullAWSAccess', 'p-protectiam', 'p-regionguard', 'p-approvedsvc']);

    const broken = (edit: (data: any) => void) => {
      const data = JSON.parse(text);
      edit(data);
      return () => parseAwsOrganizations(JSON.stringify(data), 'export.json');
    };
    expect(() => parseAwsOrganizations('[]', 'export.json')).toThrow(/export\.json: \$: not an AWS Organizations export/);
    expect(broken(d => (d.Accounts[1].Id = '1111'))).toThrow(/export\.json: \$\.Accounts\[1\]\.Id: expected a 12-digit account id/);
    expect(broken(d => (d.Accounts[1].ParentId = 'workloads'))).toThrow(/\$\.Accounts\[1\]\.ParentId: expected a root \(r-…\) or OU \(ou-…\) id/);
    expect(broken(d => (d.Policies[1].Content = '{"Statement": ['))).toThrow(/\$\.Policies\[1\]\.Content: policy document is not valid JSON/);
    expect(broken(d => (d.Policies[1].Content = JSON.stringify({ Statement: [{ Effect: 'Maybe', Action: '*', Resource: '*' }] })))).toThrow(/\$\.Policies\[1\]\.Content\.Statement\[0\]\.Effect/);
  });

  it('keeps an admin an admin within SCPs that deny a few actions, and not under an allow-list that takes IAM away', () => {
    const admin = snapshotOf([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
    const scp = (statements: Record<string, unknown>[]) =>
      parseTerraform(
        state(
          { type: 'aws_organizations_policy', name: 'scp', attributes: { id: 'p-1', name: 'guardrail', type: 'SERVICE_CONTROL_POLICY', content: JSON.stringify(doc(...statements)) } },
          { type: 'aws_organizations_policy_attachment', name: 'a', attributes: { policy_id: 'p-1', target_id: '111111111111' } },
        ),
        'scp.tfstate',
      );
    const rulesOf = (result: ReturnType<typeof run>) => result.findings.filter(f => f.principal?.arn === alice).map(f => f.rule);

    const guarded = run(admin, scp([{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: ['iam:CreateAccessKey', 'iam:CreateLoginProfile'], Resource: '*' }]));
    const adminFinding = guarded.findings.find(f => f.rule === 'full-admin' && f.principal?.arn === alice);
    expect(adminFinding?.title).toBe("alice has full administrator access (* on *) within its organization's SCPs, which deny iam:CreateAccessKey");
    // One admin finding, not one finding per escalation method the admin still holds.
    expect(rulesOf(guarded)).toEqual(['full-admin', 'policy-attached-to-user']);

    const s3Only = run(admin, scp([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]));
    expect(rulesOf(s3Only)).toEqual(['policy-attached-to-user']);
    expect(s3Only.principals.find(p => p.arn === alice)?.isAdmin).toBe(false);
    expect(s3Only.roleMappings.filter(m => m.principalArn === alice).every(m => m.sampleActions.every(a => a.startsWith('s3:')))).toBe(true);
  });

  it('marks a role mapping conditional only for the Denies that name its actions', () => {
    const result = run(
      snapshotOf([
        { Effect: 'Allow', Action: ['s3:GetObject', 'lambda:CreateFunction'], Resource: '*' },
        { Effect: 'Deny', Action: 'lambda:*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
      ]),
    );
    const rows = result.roleMappings.filter(m => m.principalArn === alice && m.resourceArn === '*');
    const row = (level: string) => rows.find(m => m.accessLevel === level)!;
    // The Deny of lambda actions under an unknown condition says nothing about reading S3 objects.
    expect(row('Read')).toMatchObject({ sampleActions: ['s3:GetObject'], conditional: false });
    expect(row('Read').conditions).toBeUndefined();
    expect(row('Write')).toMatchObject({ sampleActions: ['lambda:CreateFunction'], conditional: true, conditions: [{ Deny: { 'StringNotEquals:aws:RequestedRegion': ['eu-west-1'] } }] });
  });

  it('applies to each hop of an assume-role chain in the account it happens in', () => {
    // alice (account 111) may assume ops in account 222, which may rewrite role policies.
    const opsArn = 'arn:aws:iam::222222222222:role/ops';
    const accountA = parseAwsAuthorizationDetails(
      JSON.stringify({ UserDetailList: [user('alice', { UserPolicyList: inline(doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: opsArn })) })] }),
      'a.json',
    );
    const accountB = parseAwsAuthorizationDetails(
      JSON.stringify({
        RoleDetailList: [
          {
            RoleName: 'ops',
            Arn: opsArn,
            AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' }),
            RolePolicyList: inline(doc({ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: '*' })),
          },
        ],
      }),
      'b.json',
    );
    const denyIn = (target: string, action: string) =>
      parseTerraform(
        state(
          { type: 'aws_organizations_policy', name: 'p', attributes: { id: 'p-1', name: 'deny', type: 'SERVICE_CONTROL_POLICY', content: JSON.stringify(doc({ Effect: 'Deny', Action: action, Resource: '*' })) } },
          { type: 'aws_organizations_policy_attachment', name: 'a', attributes: { policy_id: 'p-1', target_id: target } },
        ),
        'scp.tfstate',
      );
    const viaOps = (result: ReturnType<typeof run>) => escalation(result, alice, 'PutRolePolicy')?.evidence.chain;

    expect(viaOps(run(accountA, accountB))).toEqual([alice, opsArn]);
    // The caller's account forbids assuming roles: no chain starts there.
    expect(viaOps(run(accountA, accountB, denyIn('111111111111', 'sts:AssumeRole')))).toBeUndefined();
    // The same SCP on the role's account does not stop the caller from assuming it...
    expect(viaOps(run(accountA, accountB, denyIn('222222222222', 'sts:AssumeRole')))).toEqual([alice, opsArn]);
    // ...but what the role may do there is limited by that account's SCPs.
    expect(viaOps(run(accountA, accountB, denyIn('222222222222', 'iam:PutRolePolicy')))).toBeUndefined();
  });
});
