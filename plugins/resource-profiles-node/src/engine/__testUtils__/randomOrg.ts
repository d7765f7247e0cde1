import fc from 'fast-check';
import type { CloudModel } from '../model';

/**
 * Random organisations for property tests: users, roles and groups in two accounts, with
 * statements that mix wildcards, NotAction, NotResource, conditions that hold, never hold or are
 * unknown, sts:AssumeRole on named roles, and trust policies open to accounts, ARNs, services
 * and anyone.
 */

const accounts = ['111111111111', '222222222222'];
const names = ['a', 'b', 'c', 'd'];
const roleArnOf = (acct: string, n: string) => `arn:aws:iam::${acct}:role/role-${n}`;
const userArnOf = (acct: string, n: string) => `arn:aws:iam::${acct}:user/user-${n}`;
const policyArnOf = (n: string) => `arn:aws:iam::${accounts[0]}:policy/policy-${n}`;

const actions = [
  '*',
  'iam:*',
  'iam:PassRole',
  'iam:CreatePolicyVersion',
  'iam:CreateAccessKey',
  'iam:AttachUserPolicy',
  'iam:CreateUser',
  'sts:AssumeRole',
  'sts:*',
  's3:*',
  's3:GetObject',
  'lambda:CreateFunction',
  'lambda:InvokeFunction',
  'ec2:RunInstances',
  'secretsmanager:GetSecretValue',
  'secretsmanager:PutSecretValue',
  'codepipeline:PutApprovalResult',
  'codedeploy:CreateDeployment',
  'kms:Decrypt',
  'kms:CreateKey',
];
const resources = [
  '*',
  roleArnOf(accounts[0], 'a'),
  roleArnOf(accounts[0], 'b'),
  roleArnOf(accounts[1], 'c'),
  `arn:aws:iam::${accounts[0]}:role/*`,
  'arn:aws:iam::*:role/role-?',
  'arn:aws:s3:::data-0',
  'arn:aws:s3:::data-0/*',
  'arn:aws:s3:::data-*',
  policyArnOf('a'),
  userArnOf(accounts[0], 'a'),
  'arn:aws:iam::aws:policy/AdministratorAccess',
];
const conditions = [
  undefined,
  undefined,
  { DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
  { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { StringEquals: { 'aws:PrincipalTag/team': 'red' } },
];

const statement = fc
  .record({
    Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
    actionKey: fc.constantFrom('Action', 'Action', 'Action', 'NotAction'),
    actions: fc.subarray(actions, { minLength: 1, maxLength: 3 }),
    resourceKey: fc.constantFrom('Resource', 'Resource', 'Resource', 'NotResource'),
    resources: fc.subarray(resources, { minLength: 1, maxLength: 2 }),
    condition: fc.constantFrom(...conditions),
  })
  .map(s => ({ Effect: s.Effect, [s.actionKey]: s.actions, [s.resourceKey]: s.resources, ...(s.condition ? { Condition: s.condition } : {}) }));
// sts:AssumeRole on named roles, the shape that decides who reaches which role.
const assumeStatement = fc
  .record({
    roles: fc.subarray(
      accounts.flatMap(acct => names.map(n => roleArnOf(acct, n))),
      { minLength: 1, maxLength: 2 },
    ),
    condition: fc.constantFrom(undefined, undefined, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
  })
  .map(s => ({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: s.roles, ...(s.condition ? { Condition: s.condition } : {}) }));
const document = fc
  .array(fc.oneof({ weight: 3, arbitrary: statement }, { weight: 1, arbitrary: assumeStatement }), { minLength: 1, maxLength: 3 })
  .map(Statement => ({ Version: '2012-10-17', Statement }));
const inlineList = fc.array(document, { maxLength: 1 }).map(docs => docs.map((PolicyDocument, i) => ({ PolicyName: `inline-${i}`, PolicyDocument })));
const attachedList = fc.subarray(names, { maxLength: 2 }).map(ns => ns.map(n => ({ PolicyName: `policy-${n}`, PolicyArn: policyArnOf(n) })));
const tags = fc.constantFrom([], [{ Key: 'team', Value: 'red' }], [{ Key: 'owner', Value: 'x' }]);

const trustPrincipal = fc.constantFrom<Record<string, unknown> | string>(
  { AWS: `arn:aws:iam::${accounts[0]}:root` },
  { AWS: `arn:aws:iam::${accounts[0]}:root` },
  { AWS: accounts[1] },
  { AWS: userArnOf(accounts[0], 'a') },
  { AWS: [userArnOf(accounts[0], 'b'), roleArnOf(accounts[0], 'a')] },
  { Service: 'lambda.amazonaws.com' },
  '*',
);
const trustStatement = fc
  .record({
    Effect: fc.constantFrom('Allow', 'Allow', 'Allow', 'Deny'),
    principal: trustPrincipal,
    condition: fc.constantFrom(
      undefined,
      undefined,
      { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      { StringEquals: { 'aws:PrincipalAccount': accounts[0] } },
      { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
    ),
  })
  .map(s => ({ Effect: s.Effect, Principal: s.principal, Action: 'sts:AssumeRole', ...(s.condition ? { Condition: s.condition } : {}) }));

export const randomSnapshot = fc
  .record({
    users: fc.subarray(
      accounts.flatMap(acct => names.map(n => ({ acct, n }))),
      { maxLength: 6 },
    ),
    roles: fc.subarray(
      accounts.flatMap(acct => names.map(n => ({ acct, n }))),
      { minLength: 1, maxLength: 6 },
    ),
    seeds: fc.array(
      fc.record({ inline: inlineList, attached: attachedList, tags, groups: fc.subarray(['g1', 'g2'], { maxLength: 2 }), trust: fc.array(trustStatement, { minLength: 1, maxLength: 2 }), used: fc.boolean() }),
      { minLength: 12, maxLength: 12 },
    ),
    groups: fc.array(fc.record({ inline: inlineList, attached: attachedList }), { minLength: 2, maxLength: 2 }),
    policies: fc.array(document, { minLength: 4, maxLength: 4 }),
  })
  .map(({ users, roles, seeds, groups, policies }) => ({
    UserDetailList: users.map(({ acct, n }, i) => ({
      UserName: `user-${n}`,
      Arn: userArnOf(acct, n),
      UserPolicyList: seeds[i].inline,
      AttachedManagedPolicies: seeds[i].attached,
      GroupList: seeds[i].groups,
      Tags: seeds[i].tags,
    })),
    GroupDetailList: accounts.flatMap(acct =>
      groups.map((g, i) => ({ GroupName: `g${i + 1}`, Arn: `arn:aws:iam::${acct}:group/g${i + 1}`, GroupPolicyList: g.inline, AttachedManagedPolicies: g.attached })),
    ),
    RoleDetailList: roles.map(({ acct, n }, i) => ({
      RoleName: `role-${n}`,
      Arn: roleArnOf(acct, n),
      CreateDate: '2024-01-01T00:00:00Z',
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: seeds[6 + i].trust },
      RolePolicyList: seeds[6 + i].inline,
      AttachedManagedPolicies: seeds[6 + i].attached,
      Tags: seeds[6 + i].tags,
      RoleLastUsed: seeds[6 + i].used ? { LastUsedDate: '2026-01-01T00:00:00Z' } : {},
    })),
    Policies: names.map((n, i) => ({
      PolicyName: `policy-${n}`,
      Arn: policyArnOf(n),
      DefaultVersionId: 'v1',
      PolicyVersionList: [{ Document: policies[i], VersionId: 'v1', IsDefaultVersion: true }],
    })),
  }));

export function withBuckets(model: CloudModel): CloudModel {
  model.resources.push(
    ...['data-0', 'data-1'].map(name => ({ arn: `arn:aws:s3:::${name}`, type: 's3-bucket', name, accountId: accounts[0], tags: {}, source: { file: 'test.json' } })),
  );
  return model;
}
