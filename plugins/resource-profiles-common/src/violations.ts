import { z } from 'zod';
import { ENVIRONMENTS } from './profile';

/** @public Most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
/** @public */
export type Severity = (typeof SEVERITIES)[number];

/** @public AWS access levels, as the service authorization reference names them. */
export const ACCESS_LEVELS = [
  'List',
  'Read',
  'Write',
  'Tagging',
  'Permissions management',
] as const;
/** @public */
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/**
 * @public open: seen in the latest snapshot; accepted: a risk acceptance is in
 * force; resolved: no longer seen.
 */
export const VIOLATION_STATUSES = ['open', 'accepted', 'resolved'] as const;
/** @public */
export type ViolationStatus = (typeof VIOLATION_STATUSES)[number];

/** @public */
export type PrincipalType = 'user' | 'group' | 'role';

/**
 * @public Who a role mapping gives access to: an IAM principal, or, through a resource policy,
 * a whole other account (`account`, its root ARN) or anyone at all (`anyone`, ARN `*`).
 */
export type MappedPrincipalType = PrincipalType | 'account' | 'anyone';

/** @public One principal's access to one resource, through one path. */
export interface RoleMappingEntry {
  /** The resource's ARN, or `*` for account-wide scope. */
  resourceArn: string;
  accountId: string;
  principalArn: string;
  principalName: string;
  principalType: MappedPrincipalType;
  accessLevel: AccessLevel;
  /**
   * How the principal gets the access: its own policies, a group, a chain of assumed roles, or
   * the resource's own policy (`via` names it, e.g. `bucket policy`).
   */
  path: { kind: 'direct' | 'group' | 'assumed-role' | 'resource-policy'; via: string[] };
  conditional: boolean;
  /** The IAM condition blocks the access depends on (operator → key → values), when conditional. */
  conditions?: Record<string, Record<string, string[]>>[];
  actionCount: number;
  sampleActions: string[];
}

/** @public */
export interface RiskAcceptance {
  justification: string;
  expiresAt: string;
  acceptedBy: string;
  acceptedAt: string;
}

/** @public A finding of the analysis, tracked across snapshots. */
export interface Violation {
  /** Stable across snapshots: the same finding keeps its id. */
  id: string;
  rule: string;
  /** Escalation method or SoD conflict name. */
  method?: string;
  severity: Severity;
  title: string;
  principal?: { arn: string; name: string; type: PrincipalType };
  /** Backstage user the finding is about, for per-person SoD conflicts. */
  human?: string;
  resources: string[];
  /** Catalog entities the finding concerns (resources and principals). */
  entityRefs: string[];
  /** Owning group, resolved from tags or the catalog. */
  owner?: string;
  environment?: (typeof ENVIRONMENTS)[number];
  evidence: Record<string, unknown>;
  remediation: string;
  conditional: boolean;
  status: ViolationStatus;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt?: string;
  acceptance?: RiskAcceptance;
}

/** @public */
export interface Page<T> {
  items: T[];
  totalCount: number;
  offset: number;
  limit: number;
}

/** @public */
export const VIOLATION_ORDER_FIELDS = [
  'severity',
  'rule',
  'owner',
  'firstSeenAt',
  'lastSeenAt',
] as const;

/** @public Query-string filters of the violations endpoints. */
export const violationQuerySchema = z.object({
  severity: z.array(z.enum(SEVERITIES)).optional(),
  rule: z.array(z.string()).optional(),
  owner: z.array(z.string()).optional(),
  entityRef: z.string().optional(),
  environment: z.array(z.enum(ENVIRONMENTS)).optional(),
  status: z.array(z.enum(VIOLATION_STATUSES)).optional(),
  text: z.string().max(200).optional(),
  orderBy: z.enum(VIOLATION_ORDER_FIELDS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
/** @public */
export type ViolationQuery = z.infer<typeof violationQuerySchema>;

/** @public */
export const roleMappingQuerySchema = z.object({
  principal: z.string().max(200).optional(),
  accessLevel: z.array(z.enum(ACCESS_LEVELS)).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
/** @public */
export type RoleMappingQuery = z.infer<typeof roleMappingQuerySchema>;

/** @public Counts of the violations matching a query. */
export interface DashboardAggregates {
  total: number;
  bySeverity: Record<Severity, number>;
  byRule: { rule: string; count: number }[];
  byOwner: { owner: string | null; count: number }[];
  /** Open violations per severity in each of the last snapshots, oldest first. */
  trend: {
    snapshotId: number;
    createdAt: string;
    total: number;
    bySeverity: Record<Severity, number>;
  }[];
}

/** @public */
export const riskAcceptanceRequestSchema = z.object({
  justification: z.string().trim().min(10).max(2000),
  expiresAt: z.string().datetime({ offset: true }),
});
/** @public */
export type RiskAcceptanceRequest = z.infer<typeof riskAcceptanceRequestSchema>;

/** @public */
export interface SourceStatus {
  id: string;
  kind: string;
  target: string;
  status: 'never' | 'running' | 'succeeded' | 'failed';
  lastRunAt?: string;
  lastSuccessAt?: string;
  durationMs?: number;
  error?: string;
  counts?: { principals: number; policies: number; resources: number };
}

/** @public */
export interface SyncStatus {
  sources: SourceStatus[];
  lastSnapshot?: {
    id: number;
    createdAt: string;
    stats: Record<string, number>;
  };
}
