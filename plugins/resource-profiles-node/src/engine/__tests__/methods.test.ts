import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultEscalationMethods } from '../rules/escalationMethods';
import { account, analyzeSnapshot, doc, fixturesDir, inline, readFixture, roleArn, user, userArn } from './helpers';

interface MethodFixture {
  method: string;
  actions: string[];
  positive: unknown;
  negatives: Record<string, unknown>;
}

const fixtures: MethodFixture[] = readdirSync(join(fixturesDir, 'methods')).map(f => JSON.parse(readFixture(`methods/${f}`)));
const toolsPolicy = `arn:aws:iam::${account}:policy/alice-tools`;

/** Alice holds the policy under test; she and a role both carry a customer-managed policy. */
function snapshotWith(policy: unknown) {
  return {
    UserDetailList: [user('alice', { UserPolicyList: inline(policy), AttachedManagedPolicies: [{ PolicyName: 'alice-tools', PolicyArn: toolsPolicy }] })],
    RoleDetailList: [
      {
        RoleName: 'app',
        Arn: roleArn('app'),
        AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
        AttachedManagedPolicies: [{ PolicyName: 'alice-tools', PolicyArn: toolsPolicy }],
      },
    ],
    Policies: [{ PolicyName: 'alice-tools', Arn: toolsPolicy, DefaultVersionId: 'v1', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: doc({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }) }] }],
  };
}

const methodsOf = (policy: unknown) =>
  analyzeSnapshot(snapshotWith(policy))
    .findings.filter(f => f.rule === 'privilege-escalation' && f.principal?.arn === userArn('alice'))
    .map(f => f.method);

describe('escalation methods', () => {
  it('has a fixture for every method of the reference table', () => {
    expect(fixtures.map(f => f.method).sort()).toEqual(defaultEscalationMethods.map(m => m.name).sort());
  });

  it.each(fixtures.map(f => [f.method, f] as const))('%s: found when all actions are allowed', (_, f) => {
    expect(methodsOf(f.positive)).toContain(f.method);
  });

  it.each(fixtures.flatMap(f => Object.entries(f.negatives).map(([kind, policy]) => [f.method, kind, f, policy] as const)))(
    '%s: not found with %s',
    (_, __, f, policy) => {
      expect(methodsOf(policy)).not.toContain(f.method);
    },
  );

  it('names the pathfinding.cloud id and the evidence statement', () => {
    const result = analyzeSnapshot(snapshotWith(doc({ Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' })));
    const f = result.findings.find(x => x.method === 'CreateEC2WithExistingIP')!;
    expect(f.pathfindingId).toBe('ec2-001');
    expect(f.evidence.policies).toEqual([expect.objectContaining({ policyName: 'p0', statementIndex: 0, matchedActions: ['iam:PassRole', 'ec2:RunInstances'] })]);
    expect(f.severity).toBe('high');
  });
});
