/** The normalized cloud model every parser produces and the analysis consumes. */

export type Effect = 'Allow' | 'Deny';

/** Condition block: operator → condition key → values (always an array after parsing). */
export type ConditionBlock = Record<string, Record<string, string[]>>;

/** A principal block: `*` or provider (AWS, Service, Federated, CanonicalUser) → values. */
export type PrincipalBlock = '*' | Record<string, string[]>;

export interface PolicyStatement {
  sid?: string;
  effect: Effect;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: PrincipalBlock;
  notPrincipal?: PrincipalBlock;
  condition?: ConditionBlock;
}

export interface PolicyDocument {
  version?: string;
  statements: PolicyStatement[];
}

/** Where something came from: the input file and an address inside it. */
export interface SourceLocation {
  file: string;
  /** JSON path inside the input (authorization details), Terraform address, or CloudFormation logical id. */
  address?: string;
  logicalId?: string;
  line?: number;
}

export interface PolicyVersion {
  versionId: string;
  isDefault: boolean;
  document: PolicyDocument;
}

export interface ManagedPolicy {
  arn: string;
  name: string;
  /** `aws` for AWS-managed policies. */
  accountId: string;
  awsManaged: boolean;
  defaultVersionId?: string;
  versions: PolicyVersion[];
  /** The default version's document. */
  document: PolicyDocument;
  source: SourceLocation;
  planned?: boolean;
}

export interface InlinePolicy {
  name: string;
  document: PolicyDocument;
}

export type PrincipalType = 'user' | 'group' | 'role';

export interface RoleLastUsed {
  lastUsedDate?: string;
  region?: string;
}

export interface Principal {
  arn: string;
  name: string;
  type: PrincipalType;
  accountId: string;
  path?: string;
  tags: Record<string, string>;
  inlinePolicies: InlinePolicy[];
  managedPolicyArns: string[];
  /** Users only: names of the groups the user belongs to (same account). */
  groupNames: string[];
  permissionsBoundaryArn?: string;
  /** Roles only. */
  trustPolicy?: PolicyDocument;
  instanceProfileNames?: string[];
  roleLastUsed?: RoleLastUsed;
  createDate?: string;
  source: SourceLocation;
  /** Set when the principal only exists in a Terraform plan (a planned addition). */
  planned?: boolean;
  /** Known only from an attachment or membership; another input describes it fully. */
  partial?: boolean;
}

export interface CloudResource {
  arn: string;
  /** Kebab-case kind, e.g. `s3-bucket`, `rds-instance`, `iam-role`. */
  type: string;
  name: string;
  accountId: string;
  region?: string;
  tags: Record<string, string>;
  source: SourceLocation;
  planned?: boolean;
}

/**
 * A resource-based policy (S3 bucket, SQS queue, SNS topic or KMS key policy): its statements
 * name the principals they let in.
 */
export interface ResourcePolicy {
  resourceArn: string;
  /** What the policy is called on its resource, e.g. `bucket policy`. */
  name: string;
  document: PolicyDocument;
  source: SourceLocation;
  planned?: boolean;
}

/** S3 Block Public Access as the inputs set it, on a bucket or for a whole account. */
export interface PublicAccessBlock {
  /** The bucket's ARN, or an account id for the account-wide setting. */
  target: string;
  /** S3 then ignores what a public bucket policy gives anyone outside the bucket's account. */
  restrictPublicBuckets: boolean;
  source: SourceLocation;
}

/**
 * A service control policy of AWS Organizations and where it is attached. Resource control
 * policies have the same shape and are kept apart (`resourceControlPolicies`).
 */
export interface ServiceControlPolicy {
  /** The policy id (`p-…`), or the IaC address when the id is not known yet. */
  id: string;
  arn?: string;
  name: string;
  document: PolicyDocument;
  /** Roots (`r-…`), organizational units (`ou-…`) and account ids it is attached to. */
  targetIds: string[];
  source: SourceLocation;
  planned?: boolean;
}

/** What the inputs tell about the organization's tree. */
export interface OrganizationTree {
  /** The organization's id (`o-…`), which `aws:PrincipalOrgID` compares with. */
  id?: string;
  /** The parent (OU or root id) of each account id and OU id whose place is known. */
  parents: Record<string, string>;
  /** Accounts known to be members, even where their OU is not known. */
  memberAccountIds: string[];
  rootIds: string[];
  /** SCPs never apply to the management account. */
  managementAccountId?: string;
  /** Names of roots, OUs and accounts, by id, where the inputs give them. */
  names?: Record<string, string>;
}

export type InputKind = 'aws-authorization-details' | 'terraform-state' | 'terraform-plan' | 'cloudformation' | 'aws-organizations' | 'aws-s3-buckets' | 'aws-resource-policies';

export interface ParsedInput {
  kind: InputKind;
  source: string;
  principals: Principal[];
  policies: ManagedPolicy[];
  resources: CloudResource[];
  /** Things the parser could not resolve (never silently dropped). */
  warnings: string[];
  serviceControlPolicies?: ServiceControlPolicy[];
  resourceControlPolicies?: ServiceControlPolicy[];
  resourcePolicies?: ResourcePolicy[];
  publicAccessBlocks?: PublicAccessBlock[];
  /** Attachments to SCPs or RCPs this input does not define: merging links them to another input's. */
  serviceControlAttachments?: { policyId: string; targetId: string; source: SourceLocation }[];
  organization?: Partial<OrganizationTree>;
}

export interface CloudModel {
  principals: Principal[];
  policies: ManagedPolicy[];
  resources: CloudResource[];
  sources: { file: string; kind: InputKind }[];
  warnings: string[];
  /** Absent or empty when no input describes the organization: nothing is limited by SCPs then. */
  serviceControlPolicies?: ServiceControlPolicy[];
  /**
   * Resource control policies: Denies that AWS applies to every request for the resources of
   * the accounts below where they are attached, whoever the caller.
   */
  resourceControlPolicies?: ServiceControlPolicy[];
  /** One per resource: a later input's policy replaces an earlier one's. */
  resourcePolicies?: ResourcePolicy[];
  /** One per bucket or account: a later input's replaces an earlier one's. */
  publicAccessBlocks?: PublicAccessBlock[];
  organization?: OrganizationTree;
}
