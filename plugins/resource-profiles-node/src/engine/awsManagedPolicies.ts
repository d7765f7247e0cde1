import type { ManagedPolicy, PolicyDocument, ServiceControlPolicy } from './model';

/**
 * Documents of the most consequential AWS-managed policies, so that an IaC-only scan (a plan
 * attaching AdministratorAccess) is judged without an account snapshot. A snapshot's own copy wins.
 */
const documents: Record<string, PolicyDocument> = {
  AdministratorAccess: { version: '2012-10-17', statements: [{ effect: 'Allow', action: ['*'], resource: ['*'] }] },
  IAMFullAccess: { version: '2012-10-17', statements: [{ effect: 'Allow', action: ['iam:*', 'organizations:DescribeAccount', 'organizations:DescribeOrganization', 'organizations:DescribeOrganizationalUnit', 'organizations:DescribePolicy', 'organizations:ListChildren', 'organizations:ListParents', 'organizations:ListPoliciesForTarget', 'organizations:ListRoots', 'organizations:ListPolicies', 'organizations:ListTargetsForPolicy'], resource: ['*'] }] },
  PowerUserAccess: {
    version: '2012-10-17',
    statements: [
      { effect: 'Allow', notAction: ['iam:*', 'organizations:*', 'account:*'], resource: ['*'] },
      { effect: 'Allow', action: ['account:GetAccountInformation', 'account:GetPrimaryEmail', 'account:ListRegions', 'iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization'], resource: ['*'] },
    ],
  },
};

export function builtInAwsManagedPolicy(arn: string): ManagedPolicy | undefined {
  const m = /^arn:aws:iam::aws:policy\/(.+)$/.exec(arn);
  const document = m && documents[m[1]];
  if (!document) return undefined;
  return { arn, name: m[1], accountId: 'aws', awsManaged: true, defaultVersionId: 'builtin', versions: [{ versionId: 'builtin', isDefault: true, document }], document, source: { file: '(built-in AWS-managed policy)' } };
}

/** The id AWS gives the FullAWSAccess SCP in every organization. */
export const fullAwsAccessId = 'p-FullAWSAccess';

/** FullAWSAccess, the SCP AWS attaches to every root, OU and account unless someone detaches it. */
export function fullAwsAccess(): ServiceControlPolicy {
  return {
    id: fullAwsAccessId,
    name: 'FullAWSAccess',
    document: documents.AdministratorAccess,
    targetIds: [],
    source: { file: '(built-in AWS-managed SCP)' },
  };
}
