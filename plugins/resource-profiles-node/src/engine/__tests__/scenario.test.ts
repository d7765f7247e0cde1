import { analyze } from '../analyze';
import { evaluateGrant } from '../evaluateGrant';
import { mergeInputs } from '../merge';
import { InputParseError } from '../parse/InputParseError';
import { parseAwsAuthorizationDetails } from '../parse/awsAuthorizationDetails';
import { parseCloudFormation } from '../parse/cloudformation';
import { parseTerraform } from '../parse/terraform';
import { loadRuleSet } from '../rules/ruleSet';
import { now, readFixture, roleArn, userArn } from './helpers';

const authz = () => parseAwsAuthorizationDetails(readFixture('account/authorization-details.json'), 'authz.json');
const inputs = () => [
  authz(),
  parseTerraform(readFixture('terraform/terraform.tfstate'), 'terraform.tfstate'),
  parseTerraform(readFixture('terraform/plan.json'), 'plan.json'),
  parseCloudFormation(readFixture('cloudformation/payments-stack.yaml'), 'payments-stack.yaml', { accountId: '111111111111' }),
  parseCloudFormation(readFixture('cloudformation/build-stack.json'), 'build-stack.json', { accountId: '111111111111' }),
];
const humans = JSON.parse(readFixture('account/humans.json')).humans;
const run = () => analyze(mergeInputs(inputs()), { now, humans });
const find = (r: ReturnType<typeof run>, rule: string, name: string, method?: string) =>
  r.findings.find(f => f.rule === rule && (f.principal?.name ?? f.resources[0]) === name && (!method || f.method === method));

describe('a realistic account with its Terraform and CloudFormation', () => {
  const result = run();

  it('merges inputs: a role from the snapshot gains its Terraform inline policy; plans mark additions', () => {
    const model = mergeInputs(inputs());
    const app = model.principals.find(p => p.arn === roleArn('app-payments'))!;
    expect(app.inlinePolicies.map(p => p.name).sort()).toEqual(['data', 'kms']);
    expect(model.principals.find(p => p.name === 'reporting')).toEqual(expect.objectContaining({ planned: true, accountId: '111111111111' }));
    expect(model.resources.find(r => r.name === 'reporting-exports')?.planned).toBe(true);
    expect(model.resources.find(r => r.name === 'ledger')).toEqual(expect.objectContaining({ type: 'rds-instance', source: expect.objectContaining({ address: 'aws_db_instance.ledger', line: expect.any(Number) }) }));
  });

  it('resolves CloudFormation short-form intrinsics and keeps logical-id lines', () => {
    const operator = result.findings.find(f => f.principal?.name === 'payments-operator' && f.method === 'PassExistingRoleToCloudFormation')!;
    expect(operator.location).toEqual(expect.objectContaining({ file: 'payments-stack.yaml', logicalId: 'OperatorRole', line: expect.any(Number) }));
    expect(mergeInputs(inputs()).resources.map(r => r.arn)).toContain('arn:aws:s3:::payments-receipts-prod');
  });

  it('follows multi-hop chains and inherits admin status', () => {
    expect(find(result, 'privilege-escalation', 'heidi', 'UpdateAndInvokeLambdaFunction')?.evidence.chain).toEqual([userArn('heidi'), roleArn('ci-runner'), roleArn('deployer')]);
    expect(result.principals.find(p => p.name === 'carol')).toEqual(expect.objectContaining({ isAdmin: true, adminChain: [userArn('carol'), roleArn('admin')] }));
  });

  it('reports a resource-scoped CreatePolicyVersion on the principal’s own policy', () => {
    expect(find(result, 'privilege-escalation', 'frank', 'CreateNewPolicyVersion')?.resources).toEqual(['arn:aws:iam::111111111111:policy/frank-tools']);
  });

  it('drops a grant whose condition can never hold', () => {
    expect(result.findings.filter(f => f.principal?.name === 'grace' && f.rule !== 'policy-attached-to-user')).toEqual([]);
  });

  it('finds SoD conflicts: two assumable roles (conditional on MFA), and one human across two users', () => {
    const alice = find(result, 'sod-conflict', 'alice', 'secrets-administration-vs-secrets-read')!;
    expect(alice.conditional).toBe(true);
    expect(alice.evidence.duties!.map(d => d.principalArn).sort()).toEqual([roleArn('secrets-admin'), roleArn('secrets-reader')]);
    const erin = result.findings.find(f => f.human === 'user:default/erin')!;
    expect(erin.method).toBe('code-deploy-vs-change-approval');
    expect(erin.evidence.duties!.map(d => d.principalArn).sort()).toEqual([userArn('erin'), userArn('erin-deploy')]);
    expect(find(result, 'sod-conflict', 'key-custodian', 'key-administration-vs-key-use')).toBeDefined();
  });

  it('reports trust, MFA, unused, user-attached and owner hygiene', () => {
    expect(find(result, 'trust-open-to-any', 'open-debug')?.severity).toBe('critical');
    expect(find(result, 'trust-cross-account', 'vendor-audit')).toBeDefined();
    expect(find(result, 'privileged-role-without-mfa', 'admin')).toBeDefined();
    expect(find(result, 'privileged-role-without-mfa', 'key-custodian')).toBeUndefined();
    expect(find(result, 'privileged-role-unused', 'legacy-ops')?.title).toMatch(/\d+ days/);
    expect(find(result, 'policy-attached-to-user', 'dave')).toBeDefined();
    expect(find(result, 'resource-without-owner', 'arn:aws:rds:eu-west-1:111111111111:db:ledger')).toBeDefined();
  });

  it('maps who holds what on each resource, per access level and path', () => {
    const onBucket = result.roleMappings.filter(m => m.resourceArn === 'arn:aws:s3:::payments-data');
    expect(onBucket).toEqual(expect.arrayContaining([expect.objectContaining({ principalArn: roleArn('app-payments'), accessLevel: 'Read', path: { kind: 'direct', via: [] } })]));
    expect(result.roleMappings.some(m => m.principalArn === userArn('heidi') && m.path.kind === 'assumed-role')).toBe(true);
    expect(result.roleMappings.some(m => m.path.kind === 'group' && m.principalArn === userArn('bob'))).toBe(true);
  });

  it('gives the same ids across runs and input orders', () => {
    const again = analyze(mergeInputs(inputs().reverse()), { now, humans });
    expect(again.findings.map(f => f.id).sort()).toEqual(result.findings.map(f => f.id).sort());
    expect(new Set(result.findings.map(f => f.id)).size).toBe(result.findings.length);
  });

  it('evaluates what a grant would add for the JIT workflow', () => {
    const model = mergeInputs(inputs());
    const grant = evaluateGrant(model, { principalArns: [userArn('erin')], addPolicy: { statements: [{ effect: 'Allow', action: ['codedeploy:CreateDeployment'], resource: ['*'] }] } }, { now });
    expect(grant.newFindings.map(f => f.method)).toContain('code-deploy-vs-change-approval');
    expect(grant.becomesAdmin).toBe(false);
    const harmless = evaluateGrant(model, { principalArns: [userArn('erin')], addPolicy: { statements: [{ effect: 'Allow', action: ['s3:GetObject'], resource: ['arn:aws:s3:::payments-data/*'] }] } }, { now });
    expect(harmless.newFindings).toEqual([]);
  });
});

describe('rule files', () => {
  it('extends the defaults with duties, conflicts, methods and severities', () => {
    const rules = loadRuleSet(readFixture('rules/custom-rules.yaml'), 'custom-rules.yaml');
    expect(rules.conflicts.map(c => c.name)).toContain('database-admin-vs-backup-deletion');
    expect(rules.escalationMethods.map(m => m.name)).toContain('UpdateExistingSSMDocument');
    expect(rules.severities['resource-without-owner']).toBe('medium');
    expect(rules.duties.length).toBeGreaterThan(10);
  });

  it('rejects an unknown duty with its path, and bad YAML with its line', () => {
    expect(() => loadRuleSet('conflicts:\n  - name: x\n    duties: [nope, key-use]\n', 'r.yaml')).toThrow(expect.objectContaining({ location: '$.conflicts[0].duties[0]' }));
    expect(() => loadRuleSet('duties: [\n', 'r.yaml')).toThrow(InputParseError);
    expect(() => loadRuleSet('severities:\n  full-admin: urgent\n', 'r.yaml')).toThrow(/severities/);
  });
});

describe('parser errors name the file and the location', () => {
  const error = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return e as InputParseError;
    }
    throw new Error('expected an error');
  };

  it('authorization details', () => {
    const e = error(() => parseAwsAuthorizationDetails(JSON.stringify({ RoleDetailList: [{ RoleName: 'r', Arn: 'arn:aws:iam::1:role/r', AssumeRolePolicyDocument: '%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%7D%5D%7D' }] }), 'a.json'));
    expect(e).toBeInstanceOf(InputParseError);
    expect(e.source).toBe('a.json');
    expect(e.location).toBe('$.RoleDetailList[0].AssumeRolePolicyDocument.Statement[0]');
    expect(error(() => parseAwsAuthorizationDetails('{"Users": []}', 'a.json')).detail).toMatch(/authorization-details/);
    expect(error(() => parseAwsAuthorizationDetails('{\n"UserDetailList": [,]}', 'a.json')).location).toMatch(/^line 2/);
    expect(error(() => parseAwsAuthorizationDetails('{}', 'a.json', { maxBytes: 1 })).detail).toMatch(/larger than/);
    const lastUsed = error(() => parseAwsAuthorizationDetails(JSON.stringify({ RoleDetailList: [{ RoleName: 'r', Arn: 'arn:aws:iam::1:role/r', AssumeRolePolicyDocument: { Statement: [] }, RoleLastUsed: { LastUsedDate: '2026-11-3T18:30:00+00:00' } }] }), 'a.json'));
    expect(lastUsed.location).toBe('$.RoleDetailList[0].RoleLastUsed.LastUsedDate');
    expect(lastUsed.detail).toMatch(/ISO 8601/);
  });

  it('Terraform', () => {
    expect(error(() => parseTerraform('{"version": 3}', 't.json')).detail).toMatch(/Terraform state v4/);
    const state = { version: 4, resources: [{ mode: 'managed', type: 'aws_iam_policy', name: 'p', instances: [{ attributes: { name: 'p', arn: 'arn:aws:iam::111111111111:policy/p', policy: '{"Statement": "nope"}' } }] }] };
    expect(error(() => parseTerraform(JSON.stringify(state), 't.json')).location).toBe('$.resources[0].instances[0].attributes.policy.Statement');
  });

  it('CloudFormation', () => {
    expect(error(() => parseCloudFormation('Resources:\n  A: [unclosed\n', 'c.yaml')).location).toMatch(/^line \d/);
    expect(error(() => parseCloudFormation('Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: {}\n', 'c.yaml')).location).toBe('$.Resources.R.Properties.AssumeRolePolicyDocument');
  });
});
