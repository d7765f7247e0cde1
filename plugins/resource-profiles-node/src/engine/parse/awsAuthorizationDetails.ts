import { z } from 'zod';
import { accountOf, isAwsManagedPolicyArn } from '../arn';
import type { InlinePolicy, ManagedPolicy, ParsedInput, Principal, PrincipalType } from '../model';
import { checkSize, InputParseError, parseJsonText, zodToParseError, type ParseOptions } from './InputParseError';
import { parsePolicyDocument } from './policyDocument';

const tags = z.array(z.object({ Key: z.string(), Value: z.string() }).loose()).optional();
const inlineList = z.array(z.object({ PolicyName: z.string(), PolicyDocument: z.unknown() }).loose()).optional();
const attached = z.array(z.object({ PolicyName: z.string().optional(), PolicyArn: z.string() }).loose()).optional();
const boundary = z.object({ PermissionsBoundaryArn: z.string() }).loose().optional();
const arn = z.string().regex(/^arn:[^:]+:iam::[^:]*:/, 'expected an IAM ARN');
// A date nothing can read would silently turn off the unused-role rule for its role.
const timestamp = z.string().refine(s => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date and time, e.g. 2026-11-03T18:30:00+00:00');

const schema = z
  .object({
    UserDetailList: z
      .array(
        z
          .object({
            Path: z.string().optional(),
            UserName: z.string(),
            Arn: arn,
            CreateDate: timestamp.optional(),
            UserPolicyList: inlineList,
            GroupList: z.array(z.string()).optional(),
            AttachedManagedPolicies: attached,
            PermissionsBoundary: boundary,
            Tags: tags,
          })
          .loose(),
      )
      .default([]),
    GroupDetailList: z
      .array(
        z
          .object({ Path: z.string().optional(), GroupName: z.string(), Arn: arn, GroupPolicyList: inlineList, AttachedManagedPolicies: attached })
          .loose(),
      )
      .default([]),
    RoleDetailList: z
      .array(
        z
          .object({
            Path: z.string().optional(),
            RoleName: z.string(),
            Arn: arn,
            CreateDate: timestamp.optional(),
            AssumeRolePolicyDocument: z.unknown(),
            InstanceProfileList: z.array(z.object({ InstanceProfileName: z.string() }).loose()).optional(),
            RolePolicyList: inlineList,
            AttachedManagedPolicies: attached,
            PermissionsBoundary: boundary,
            Tags: tags,
            RoleLastUsed: z.object({ LastUsedDate: timestamp.optional(), Region: z.string().optional() }).loose().optional(),
          })
          .loose(),
      )
      .default([]),
    Policies: z
      .array(
        z
          .object({
            PolicyName: z.string(),
            Arn: arn,
            DefaultVersionId: z.string().optional(),
            PolicyVersionList: z
              .array(z.object({ Document: z.unknown(), VersionId: z.string(), IsDefaultVersion: z.boolean() }).loose())
              .min(1),
          })
          .loose(),
      )
      .default([]),
  })
  .loose();

const sections = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'];

const tagMap = (list?: { Key: string; Value: string }[]) => Object.fromEntries((list ?? []).map(t => [t.Key, t.Value]));

/** Parses `aws iam get-account-authorization-details` output. */
export function parseAwsAuthorizationDetails(text: string, source: string, options: ParseOptions = {}): ParsedInput {
  checkSize(text, source, options.maxBytes);
  const raw = parseJsonText(text, source);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputParseError(source, '$', 'expected a JSON object from get-account-authorization-details');
  }
  if (!sections.some(k => k in raw)) {
    throw new InputParseError(source, '$', `not an authorization-details document: expected ${sections.join(', ')}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw zodToParseError(source, '$', parsed.error);
  const data = parsed.data;
  const principals: Principal[] = [];

  const inline = (list: { PolicyName: string; PolicyDocument: unknown }[] | undefined, at: string): InlinePolicy[] =>
    (list ?? []).map((p, i) => ({
      name: p.PolicyName,
      document: parsePolicyDocument(p.PolicyDocument, source, `${at}[${i}].PolicyDocument`),
    }));

  const base = (
    type: PrincipalType,
    name: string,
    principalArn: string,
    address: string,
    extra: Partial<Principal>,
  ): Principal => ({
    arn: principalArn,
    name,
    type,
    accountId: accountOf(principalArn),
    tags: {},
    inlinePolicies: [],
    managedPolicyArns: [],
    groupNames: [],
    source: { file: source, address },
    ...extra,
  });

  data.UserDetailList.forEach((u, i) => {
    const at = `$.UserDetailList[${i}]`;
    principals.push(
      base('user', u.UserName, u.Arn, at, {
        path: u.Path,
        createDate: u.CreateDate,
        tags: tagMap(u.Tags),
        inlinePolicies: inline(u.UserPolicyList, `${at}.UserPolicyList`),
        managedPolicyArns: (u.AttachedManagedPolicies ?? []).map(p => p.PolicyArn),
        groupNames: u.GroupList ?? [],
        permissionsBoundaryArn: u.PermissionsBoundary?.PermissionsBoundaryArn,
      }),
    );
  });
  data.GroupDetailList.forEach((g, i) => {
    const at = `$.GroupDetailList[${i}]`;
    principals.push(
      base('group', g.GroupName, g.Arn, at, {
        path: g.Path,
        inlinePolicies: inline(g.GroupPolicyList, `${at}.GroupPolicyList`),
        managedPolicyArns: (g.AttachedManagedPolicies ?? []).map(p => p.PolicyArn),
      }),
    );
  });
  data.RoleDetailList.forEach((r, i) => {
    const at = `$.RoleDetailList[${i}]`;
    if (r.AssumeRolePolicyDocument === undefined) {
      throw new InputParseError(source, `${at}.AssumeRolePolicyDocument`, 'a role needs its trust policy');
    }
    principals.push(
      base('role', r.RoleName, r.Arn, at, {
        path: r.Path,
        createDate: r.CreateDate,
        tags: tagMap(r.Tags),
        inlinePolicies: inline(r.RolePolicyList, `${at}.RolePolicyList`),
        managedPolicyArns: (r.AttachedManagedPolicies ?? []).map(p => p.PolicyArn),
        permissionsBoundaryArn: r.PermissionsBoundary?.PermissionsBoundaryArn,
        trustPolicy: parsePolicyDocument(r.AssumeRolePolicyDocument, source, `${at}.AssumeRolePolicyDocument`),
        instanceProfileNames: (r.InstanceProfileList ?? []).map(p => p.InstanceProfileName),
        roleLastUsed: r.RoleLastUsed ? { lastUsedDate: r.RoleLastUsed.LastUsedDate, region: r.RoleLastUsed.Region } : undefined,
      }),
    );
  });

  const policies: ManagedPolicy[] = data.Policies.map((p, i) => {
    const at = `$.Policies[${i}]`;
    const versions = p.PolicyVersionList.map((v, j) => ({
      versionId: v.VersionId,
      isDefault: v.IsDefaultVersion,
      document: parsePolicyDocument(v.Document, source, `${at}.PolicyVersionList[${j}].Document`),
    }));
    const defaultVersion = versions.find(v => v.isDefault) ?? versions.find(v => v.versionId === p.DefaultVersionId);
    if (!defaultVersion) throw new InputParseError(source, `${at}.PolicyVersionList`, 'no version is marked as the default');
    return {
      arn: p.Arn,
      name: p.PolicyName,
      accountId: accountOf(p.Arn),
      awsManaged: isAwsManagedPolicyArn(p.Arn),
      defaultVersionId: defaultVersion.versionId,
      versions,
      document: defaultVersion.document,
      source: { file: source, address: at },
    };
  });

  return { kind: 'aws-authorization-details', source, principals, policies, resources: [], warnings: [] };
}
