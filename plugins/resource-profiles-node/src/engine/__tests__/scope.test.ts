import fc from 'fast-check';
import { analyze, type Human } from '../analyze';
import { evaluateGrant } from '../evaluateGrant';
import type { Finding } from '../result';
import { doc, inline, modelFromSnapshot, now, roleArn, user, userArn } from './helpers';
import { randomSnapshot, withBuckets } from '../__testUtils__/randomOrg';

/** Findings of a whole analysis that concern only the principals in `scope`. */
function about(findings: Finding[], scope: Set<string>, humans: Human[]): Finding[] {
  return findings.filter(f => {
    if (f.human) return humans.find(h => h.id === f.human)!.principalArns.every(arn => scope.has(arn));
    return !!f.principal && scope.has(f.principal.arn);
  });
}

describe('an analysis scoped to some principals', () => {
  it('reports for them exactly what the whole analysis reports', () => {
    fc.assert(
      fc.property(randomSnapshot, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (data, picks) => {
        const arns = [...data.UserDetailList.map(u => u.Arn), ...data.RoleDetailList.map(r => r.Arn)];
        const scope = [...new Set(picks.map(i => arns[i % arns.length]))];
        const humans: Human[] = [
          { id: 'user:default/pat', principalArns: arns.slice(0, 2) },
          { id: 'user:default/kim', principalArns: arns.slice(1, 4) },
          { id: 'user:default/sam', principalArns: scope },
        ];
        const whole = analyze(withBuckets(modelFromSnapshot(data)), { now, humans, roleMappings: false });
        const scoped = analyze(withBuckets(modelFromSnapshot(data)), { now, humans, principalScope: scope });
        const inScope = new Set(scope);
        expect(scoped.findings).toEqual(about(whole.findings, inScope, humans));
        expect(scoped.principals).toEqual(whole.principals.filter(p => inScope.has(p.arn)));
        expect(scoped.roleMappings).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('follows a chain of roles to its end to find admin status and escalation paths', () => {
    const trustAccount = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' });
    const role = (name: string, statement: Record<string, unknown>) => ({
      RoleName: name,
      Arn: roleArn(name),
      AssumeRolePolicyDocument: trustAccount,
      RolePolicyList: inline(doc(statement)),
      AttachedManagedPolicies: [],
      Tags: [],
    });
    const assume = (name: string) => ({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn(name) });
    const data = {
      UserDetailList: [user('dev', { UserPolicyList: inline(doc(assume('hop-1'))) }), user('other', { UserPolicyList: inline(doc(assume('hop-1'))) })],
      RoleDetailList: [role('hop-1', assume('hop-2')), role('hop-2', assume('admin')), role('admin', { Effect: 'Allow', Action: '*', Resource: '*' })],
    };
    const scoped = analyze(modelFromSnapshot(data), { now, principalScope: [userArn('dev')] });
    expect(scoped.principals.map(p => [p.name, p.isAdmin, p.adminChain])).toEqual([
      ['dev', true, [userArn('dev'), roleArn('hop-1'), roleArn('hop-2'), roleArn('admin')]],
    ]);
    expect(scoped.findings.map(f => [f.rule, f.principal?.name])).toEqual([
      ['full-admin', 'dev'],
      ['policy-attached-to-user', 'dev'],
    ]);
  });

  it("leaves out a person's conflict when one of their principals is only reached, not in scope", () => {
    const trustAccount = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' });
    const data = {
      UserDetailList: [
        user('ops', { UserPolicyList: inline(doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn('reader') })) }),
        user('admin', { UserPolicyList: inline(doc({ Effect: 'Allow', Action: 'secretsmanager:PutSecretValue', Resource: '*' })) }),
      ],
      RoleDetailList: [
        {
          RoleName: 'reader',
          Arn: roleArn('reader'),
          AssumeRolePolicyDocument: trustAccount,
          RolePolicyList: inline(doc({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' })),
          AttachedManagedPolicies: [],
          Tags: [],
        },
      ],
    };
    const humans: Human[] = [{ id: 'user:default/jo', principalArns: [userArn('admin'), roleArn('reader')] }];
    const personal = (findings: Finding[]) => findings.filter(f => f.human).map(f => f.method);
    expect(personal(analyze(modelFromSnapshot(data), { now, humans }).findings)).toEqual(['secrets-administration-vs-secrets-read']);
    // ops reaches the reader role, so the role is analysed, but jo's other principal is not in scope.
    expect(personal(analyze(modelFromSnapshot(data), { now, humans, principalScope: [userArn('ops'), userArn('admin')] }).findings)).toEqual([]);
    expect(personal(analyze(modelFromSnapshot(data), { now, humans, principalScope: [userArn('admin'), roleArn('reader')] }).findings)).toEqual([
      'secrets-administration-vs-secrets-read',
    ]);
  });

  it('gives a grant evaluation the same answer as comparing two whole analyses', () => {
    fc.assert(
      fc.property(randomSnapshot, fc.nat(), fc.constantFrom('*', 'iam:*', 'iam:PassRole', 'sts:AssumeRole', 'secretsmanager:PutSecretValue'), (data, pick, action) => {
        const arns = [...data.UserDetailList.map(u => u.Arn), ...data.RoleDetailList.map(r => r.Arn)];
        const target = arns[pick % arns.length];
        const model = modelFromSnapshot(data);
        const addPolicy = { version: '2012-10-17', statements: [{ effect: 'Allow' as const, action: [action], resource: ['*'] }] };
        const evaluation = evaluateGrant(model, { principalArns: [target], addPolicy }, { now });

        const person: Human = { id: 'grant-requester', principalArns: [target] };
        const before = analyze(model, { now, humans: [person], roleMappings: false });
        const withGrant = {
          ...model,
          principals: model.principals.map(p => (p.arn === target ? { ...p, inlinePolicies: [...p.inlinePolicies, { name: 'requested-grant', document: addPolicy }] } : p)),
        };
        const after = analyze(withGrant, { now, humans: [person], roleMappings: false });
        const known = new Set(before.findings.map(f => f.id));
        const expected = about(after.findings, new Set([target]), [person]).filter(f => !known.has(f.id) && f.rule !== 'policy-attached-to-user');
        expect(evaluation.newFindings).toEqual(expected);
        const isAdmin = (r: typeof before) => r.principals.some(p => p.arn === target && p.isAdmin);
        expect(evaluation.becomesAdmin).toBe(isAdmin(after) && !isAdmin(before));
      }),
      { numRuns: 100 },
    );
  });
});

describe('a trust policy Deny under a condition the analysis cannot settle', () => {
  it('keeps its operator in the chain evidence, as Denies of identity policies do', () => {
    const trust = doc(
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' },
      { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } } },
    );
    const data = {
      UserDetailList: [user('dev', { UserPolicyList: inline(doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn('admin') })) })],
      RoleDetailList: [
        { RoleName: 'admin', Arn: roleArn('admin'), AssumeRolePolicyDocument: trust, RolePolicyList: inline(doc({ Effect: 'Allow', Action: '*', Resource: '*' })), AttachedManagedPolicies: [], Tags: [] },
      ],
    };
    const admin = analyze(modelFromSnapshot(data), { now }).findings.find(f => f.rule === 'full-admin' && f.principal?.name === 'dev');
    expect(admin?.conditional).toBe(true);
    expect(admin?.evidence.conditions).toEqual([{ Deny: { 'NotIpAddress:aws:SourceIp': ['10.0.0.0/8'] } }]);
  });
});
