import fc from 'fast-check';
import { expandIamActions } from '@cloud-copilot/iam-expand';
import { defaultActionCatalog } from '../catalog/actionCatalog';
import { ActionUniverse } from '../evaluate/actionUniverse';
import { findGrant } from '../evaluate/decide';
import { indexModel } from '../evaluate/modelIndex';
import { principalPolicies, StatementCompiler } from '../evaluate/principalPolicies';
import { parsePolicyDocument } from '../parse/policyDocument';
import { doc, inline, modelFromSnapshot, now, user } from './helpers';

const probeActions = ['iam:PutUserPolicy', 'iam:PutRolePolicy', 'iam:CreateAccessKey', 'iam:PassRole', 's3:GetObject', 's3:PutObject', 'ec2:RunInstances', 'sts:AssumeRole'];
const probeResources = ['arn:aws:iam::111111111111:user/alice', 'arn:aws:iam::111111111111:role/app', 'arn:aws:s3:::data/x', '*'];
const universe = new ActionUniverse(probeActions);

const actionPattern = fc.constantFrom('*', 'iam:*', 'iam:Put*', 'iam:PutUserPolicy', 'iam:CreateAccessKey', 'iam:Pass?ole', 's3:*', 's3:Get*', 'ec2:RunInstances', 'sts:AssumeRole');
const resourcePattern = fc.constantFrom('*', 'arn:aws:iam::111111111111:*', 'arn:aws:iam::*:user/*', 'arn:aws:iam::111111111111:role/app', 'arn:aws:s3:::data/*');
const condition = fc.constantFrom(
  undefined,
  { DateGreaterThan: { 'aws:CurrentTime': '2001-01-01T00:00:00Z' } },
  { DateLessThan: { 'aws:CurrentTime': '2001-01-01T00:00:00Z' } },
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
);
const statement = (effect?: 'Allow' | 'Deny') =>
  fc.record({
    Effect: effect ? fc.constant(effect) : fc.constantFrom('Allow', 'Deny'),
    actionKey: fc.constantFrom('Action', 'NotAction'),
    actions: fc.array(actionPattern, { minLength: 1, maxLength: 3 }),
    resourceKey: fc.constantFrom('Resource', 'Resource', 'NotResource'),
    resources: fc.array(resourcePattern, { minLength: 1, maxLength: 2 }),
    condition,
  }).map(s => ({ Effect: s.Effect, [s.actionKey]: s.actions, [s.resourceKey]: s.resources, ...(s.condition ? { Condition: s.condition } : {}) }));
const policies = fc.array(fc.array(statement(), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 });

/** The (action, resource) pairs alice holds, with `?` marking conditional ones; `scps` are attached to her account. */
function held(policyStatements: Record<string, unknown>[][], scps: Record<string, unknown>[][] = []): Set<string> {
  const model = modelFromSnapshot({ UserDetailList: [user('alice', { UserPolicyList: inline(...policyStatements.map(s => doc(...s))) })] });
  model.serviceControlPolicies = scps.map((s, i) => ({ id: `p-${i}`, name: `scp-${i}`, document: parsePolicyDocument(doc(...s), 'scp', '$'), targetIds: ['111111111111'], source: { file: 'scp' } }));
  const pp = principalPolicies(indexModel(model), new StatementCompiler(universe), model.principals[0], now);
  const out = new Set<string>();
  for (const action of probeActions) {
    for (const resource of probeResources) {
      const g = findGrant(pp, universe.indexOf(action), action, { arns: [resource] });
      if (g) out.add(`${action} ${resource}${g.conditional ? ' ?' : ''}`);
    }
  }
  return out;
}

const definite = (s: Set<string>) => new Set([...s].filter(x => !x.endsWith('?')));
const any = (s: Set<string>) => new Set([...s].map(x => x.replace(/ \?$/, '')));
const subset = (a: Set<string>, b: Set<string>) => [...a].every(x => b.has(x));

describe('evaluator properties', () => {
  it('adding a Deny never adds a permission', () => {
    fc.assert(
      fc.property(policies, statement('Deny'), (ps, d) => {
        expect(subset(any(held([...ps, [d]])), any(held(ps)))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('adding an Allow never removes a permission', () => {
    fc.assert(
      fc.property(policies, statement('Allow'), (ps, a) => {
        expect(subset(definite(held(ps)), any(held([...ps, [a]])))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('adding a service control policy never adds a permission', () => {
    fc.assert(
      fc.property(policies, fc.array(statement(), { minLength: 1, maxLength: 3 }), (ps, scp) => {
        expect(subset(any(held(ps, [scp])), any(held(ps)))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('a service control policy allowing everything changes nothing', () => {
    fc.assert(
      fc.property(policies, ps => {
        expect(held(ps, [[{ Effect: 'Allow', Action: '*', Resource: '*' }]])).toEqual(held(ps));
      }),
      { numRuns: 100 },
    );
  });

  it('the order of policies and statements does not matter', () => {
    fc.assert(
      fc.property(policies, ps => {
        const reversed = [...ps].reverse().map(s => [...s].reverse());
        expect(held(reversed)).toEqual(held(ps));
      }),
      { numRuns: 150 },
    );
  });

  it('wildcard expansion agrees with the literal action list from iam-expand', async () => {
    const catalog = defaultActionCatalog();
    for (const pattern of ['iam:Put*', 'iam:*', 's3:Get*', 'ec2:Run*', 'sts:Assume*', 'iam:Pass?ole']) {
      const literal = await expandIamActions(pattern);
      expect(catalog.expandNames(pattern).map(a => a.toLowerCase()).sort()).toEqual(literal.map(a => a.toLowerCase()).sort());
      const withPattern = held([[{ Effect: 'Allow', Action: pattern, Resource: '*' }]]);
      const withLiterals = held([[{ Effect: 'Allow', Action: literal, Resource: '*' }]]);
      expect(withLiterals).toEqual(withPattern);
    }
  });

  it('Allow * on * grants every probe', () => {
    expect(held([[{ Effect: 'Allow', Action: '*', Resource: '*' }]]).size).toBe(probeActions.length * probeResources.length);
  });
});
