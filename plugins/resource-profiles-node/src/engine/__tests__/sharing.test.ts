import fc from 'fast-check';
import { analyzeWith, type AnalyzeOptions } from '../analyze';
import type { AnalysisResult } from '../result';
import { doc, inline, modelFromSnapshot, now, roleArn, user, userArn } from './helpers';
import { randomSnapshot, withBuckets } from '../__testUtils__/randomOrg';

/**
 * The analysis shares work between principals (policy references, assume-role edges and
 * searches, role-mapping splits and counts). On random organisations the shared path must give
 * exactly what computing every principal on its own gives.
 */

const comparable = (r: AnalysisResult) => ({ ...r, stats: { ...r.stats, durationMs: 0 } });

describe('work shared between principals', () => {
  it('gives the same principals, role mappings and findings as computing each principal alone', () => {
    fc.assert(
      fc.property(randomSnapshot, fc.constantFrom(1, 3, 200), (data, limit) => {
        const arns = [...data.UserDetailList.map(u => u.Arn), ...data.RoleDetailList.map(r => r.Arn)];
        const options: AnalyzeOptions = {
          now,
          maxAssumedRoleMappingsPerPrincipal: limit,
          humans: arns.length > 1 ? [{ id: 'user:default/pat', principalArns: arns.slice(0, 3) }] : [],
        };
        const shared = analyzeWith(withBuckets(modelFromSnapshot(data)), options, { share: true });
        const direct = analyzeWith(withBuckets(modelFromSnapshot(data)), options, { share: false });
        expect(comparable(shared)).toEqual(comparable(direct));
      }),
      { numRuns: 120 },
    );
  });

  it('takes the first unconditional holder of a duty from a later role that adds no new duty', () => {
    const trust = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' });
    const role = (name: string, ...statements: Record<string, unknown>[]) => ({
      RoleName: name,
      Arn: roleArn(name),
      AssumeRolePolicyDocument: trust,
      RolePolicyList: inline(doc(...statements)),
      AttachedManagedPolicies: [],
      Tags: [],
    });
    const data = {
      UserDetailList: [user('dev', { UserPolicyList: inline(doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' })) })],
      RoleDetailList: [
        role(
          'role-a',
          { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
          { Effect: 'Allow', Action: 'secretsmanager:PutSecretValue', Resource: '*' },
        ),
        role('role-b', { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }),
      ],
    };
    for (const share of [true, false]) {
      const result = analyzeWith(modelFromSnapshot(data), { now, roleMappings: false }, { share });
      const conflict = result.findings.find(f => f.rule === 'sod-conflict' && f.principal?.arn === userArn('dev'));
      expect(conflict?.evidence.duties?.find(d => d.duty === 'secrets-read')?.principalArn).toBe(roleArn('role-b'));
      expect(conflict?.conditional).toBe(false);
    }
  });
});
