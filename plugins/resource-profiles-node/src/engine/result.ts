import type { AccessLevel } from './catalog/actionCatalog';
import type { CloudResource, ConditionBlock, PrincipalType, SourceLocation } from './model';
import type { RuleId, Severity } from './rules/ruleSet';

export interface PrincipalSummary {
  arn: string;
  name: string;
  type: PrincipalType;
  accountId: string;
  tags: Record<string, string>;
  /** Holds `*` on `*`, directly or through a role it can assume. */
  isAdmin: boolean;
  /** Set when admin status comes through an assume-role chain. */
  adminChain?: string[];
  planned?: boolean;
  source: SourceLocation;
}

export interface RoleMapping {
  /** A resource ARN, or `*` for account-wide scope (see accountId). */
  resourceArn: string;
  accountId: string;
  principalArn: string;
  accessLevel: AccessLevel;
  actionCount: number;
  sampleActions: string[];
  /**
   * `via`: the group, the chain of assumed roles, or (`resource-policy`) the name of the
   * resource's policy, e.g. `bucket policy`. `principalArn` is then `*` for anyone, an account's
   * root ARN for a whole account, or a principal of another account.
   */
  path: { kind: 'direct' | 'group' | 'assumed-role' | 'resource-policy'; via: string[] };
  conditional: boolean;
  conditions?: ConditionBlock[];
}

export interface EvidencePolicy {
  policyArn?: string;
  policyName: string;
  /** The principal holding the policy (differs from the finding's principal for assumed roles). */
  holderArn: string;
  statementIndex: number;
  matchedActions: string[];
  /** The ARN or ARN pattern the actions were allowed on. */
  resource?: string;
}

export interface Finding {
  id: string;
  rule: RuleId;
  /** Escalation method name (privilege-escalation) or conflict name (sod-conflict). */
  method?: string;
  pathfindingId?: string;
  severity: Severity;
  title: string;
  /** Absent for findings about a resource alone (resource-without-owner). */
  principal?: { arn: string; name: string; type: PrincipalType };
  /** Backstage user the principals are mapped to (human SoD findings). */
  human?: string;
  resources: string[];
  evidence: {
    policies: EvidencePolicy[];
    chain?: string[];
    conditions?: ConditionBlock[];
    duties?: { duty: string; principalArn: string; actions: string[]; chain?: string[] }[];
  };
  conditional: boolean;
  remediation: string;
  /** Where to point a code-scanning UI. */
  location?: SourceLocation;
}

export interface AnalysisResult {
  principals: PrincipalSummary[];
  resources: CloudResource[];
  roleMappings: RoleMapping[];
  findings: Finding[];
  warnings: string[];
  stats: {
    principals: number;
    policies: number;
    resources: number;
    roleMappings: number;
    findings: number;
    /** Service control policies that limit at least one principal. */
    serviceControlPolicies: number;
    durationMs: number;
  };
}
