import type { Conflict, Duty } from './ruleSet';

const identityCreation = ['iam:CreateUser', 'iam:CreateRole', 'iam:CreateGroup', 'iam:CreateLoginProfile', 'iam:CreateAccessKey', 'sso:CreatePermissionSet', 'identitystore:CreateUser'];
const permissionAssignment = [
  'iam:AttachUserPolicy', 'iam:AttachGroupPolicy', 'iam:AttachRolePolicy', 'iam:PutUserPolicy', 'iam:PutGroupPolicy',
  'iam:PutRolePolicy', 'iam:AddUserToGroup', 'iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion',
  'iam:UpdateAssumeRolePolicy', 'sso:AttachManagedPolicyToPermissionSet', 'sso:PutInlinePolicyToPermissionSet', 'sso:CreateAccountAssignment',
];

/** Named duties: sets of IAM action patterns (wildcards allowed, expanded through the catalog). */
export const defaultDuties: Duty[] = [
  { name: 'identity-creation', description: 'Create identities and their credentials', actions: identityCreation },
  { name: 'permission-assignment', description: 'Grant permissions to identities', actions: permissionAssignment },
  {
    name: 'code-deploy',
    description: 'Ship code or infrastructure changes to running environments',
    actions: ['codedeploy:CreateDeployment', 'codepipeline:StartPipelineExecution', 'lambda:UpdateFunctionCode', 'ecs:UpdateService', 'cloudformation:ExecuteChangeSet', 'cloudformation:UpdateStack', 'elasticbeanstalk:UpdateEnvironment'],
  },
  {
    name: 'change-approval',
    description: 'Approve changes before they ship',
    actions: ['codepipeline:PutApprovalResult', 'codecommit:UpdatePullRequestApprovalState', 'codecommit:OverridePullRequestApprovalRules', 'codecommit:MergePullRequestByFastForward'],
  },
  {
    name: 'audit-log-management',
    description: 'Stop, change or delete the audit trail',
    actions: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors', 'cloudtrail:DeleteEventDataStore', 'logs:DeleteLogGroup', 'logs:DeleteLogStream', 'logs:PutRetentionPolicy'],
  },
  {
    name: 'audited-privileged-changes',
    description: 'Privileged changes the audit trail exists to record',
    actions: [...identityCreation, ...permissionAssignment, 'iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary', 'kms:ScheduleKeyDeletion', 'organizations:LeaveOrganization'],
  },
  {
    name: 'key-administration',
    description: 'Manage KMS keys and their policies',
    actions: ['kms:CreateKey', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:EnableKey', 'kms:CreateGrant', 'kms:RevokeGrant', 'kms:UpdateKeyDescription', 'kms:DisableKeyRotation'],
  },
  {
    name: 'key-use',
    description: 'Use KMS keys for cryptographic operations',
    actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Sign'],
  },
  {
    name: 'secrets-administration',
    description: 'Create, change, rotate or delete secrets and their policies',
    actions: ['secretsmanager:CreateSecret', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecret', 'secretsmanager:DeleteSecret', 'secretsmanager:PutResourcePolicy', 'secretsmanager:RotateSecret'],
  },
  {
    name: 'secrets-read',
    description: 'Read secret values',
    actions: ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue'],
  },
];

/** Duties one principal (or one person, across what they can assume) must not hold together. */
export const defaultConflicts: Conflict[] = [
  { name: 'identity-creation-vs-permission-assignment', duties: ['identity-creation', 'permission-assignment'] },
  { name: 'code-deploy-vs-change-approval', duties: ['code-deploy', 'change-approval'] },
  { name: 'audit-log-management-vs-audited-changes', duties: ['audit-log-management', 'audited-privileged-changes'] },
  { name: 'key-administration-vs-key-use', duties: ['key-administration', 'key-use'] },
  { name: 'secrets-administration-vs-secrets-read', duties: ['secrets-administration', 'secrets-read'] },
];
