import { z } from 'zod';

/**
 * @public The lifecycle of an access request:
 * pending → approved → active → expired | revoked, or pending → denied |
 * cancelled | expired (lapsed). A grant the actuator could not apply is
 * `grant-failed` until a retry succeeds.
 */
export const ACCESS_REQUEST_STATES = [
  'pending',
  'approved',
  'active',
  'grant-failed',
  'expired',
  'revoked',
  'denied',
  'cancelled',
] as const;
/** @public */
export type AccessRequestState = (typeof ACCESS_REQUEST_STATES)[number];

/** @public A conflict or escalation path the grant would create for the requester. */
export interface GrantRisk {
  rule: string;
  method?: string;
  severity: string;
  title: string;
}

/** @public What the policy requires before a request can be granted. */
export interface ApprovalRequirement {
  mode: 'auto' | 'approvers' | 'break-glass';
  requiredApprovals: number;
  /** Set when the grant creates SoD conflicts or escalation paths and policy asks for security. */
  requiresSecurityApproval: boolean;
  /** Groups whose members may approve. */
  approverGroups: string[];
  /** Risks the grant would create; with the `deny` SoD policy these refuse the request. */
  risks: GrantRisk[];
  /** Why the request would be refused, if it would. */
  refusal?: string;
}

/** @public */
export interface AccessDecision {
  approver: string;
  decision: 'approve' | 'deny';
  comment?: string;
  /** True when the approver counts as the security approval. */
  asSecurity: boolean;
  decidedAt: string;
}

/** @public */
export interface AccessRequest {
  id: string;
  entityRef: string;
  resourceArn?: string;
  role: { name: string; target: string };
  requester: string;
  /** The requester's IAM identities the grant applies to. */
  principalArns: string[];
  justification: string;
  ticket?: string;
  durationHours: number;
  breakGlass: boolean;
  state: AccessRequestState;
  requirement: ApprovalRequirement;
  decisions: AccessDecision[];
  createdAt: string;
  updatedAt: string;
  /** When a pending request lapses. */
  pendingUntil?: string;
  activatedAt?: string;
  expiresAt?: string;
  endedAt?: string;
  /** Why the request ended or is ending: denied, cancelled, lapsed, revoked, sod-conflict. */
  endReason?: string;
  /** The last actuator error, while grant-failed or while revocation retries. */
  lastError?: string;
  /** Actuator attempts so far (grant, then revocation). */
  attempts?: number;
  /** The request this one extends. */
  extends?: string;
  /** An active grant's open extension (pending, approved, active or waiting for a retry): a grant has at most one. */
  extendedBy?: { id: string; state: AccessRequestState };
  /** Break-glass: the review that must follow. */
  review?: { required: boolean; completedBy?: string; completedAt?: string; notes?: string };
  /** Optimistic-concurrency version; changes on every transition. */
  version: number;
}

/** @public */
export const createAccessRequestSchema = z
  .object({
    entityRef: z.string().min(1),
    role: z.string().min(1),
    durationHours: z.number().positive().max(24 * 90),
    justification: z.string().trim().min(10).max(2000),
    ticket: z.string().trim().max(200).optional(),
    breakGlass: z.boolean().optional(),
    extends: z.string().optional(),
  })
  .strict();
/** @public */
export type CreateAccessRequest = z.infer<typeof createAccessRequestSchema>;

/** @public */
export const accessDecisionSchema = z
  .object({
    decision: z.enum(['approve', 'deny']),
    comment: z.string().trim().max(2000).optional(),
    /** The version the approver saw; a stale one gets 409. */
    version: z.number().int().optional(),
  })
  .strict();
/** @public */
export type AccessDecisionRequest = z.infer<typeof accessDecisionSchema>;

/** @public */
export const accessRequestQuerySchema = z.object({
  /** `mine`: my requests; `to-decide`: pending requests I may decide; `all`: every request (platform). */
  view: z.enum(['mine', 'to-decide', 'all']).default('mine'),
  entityRef: z.string().optional(),
  state: z.array(z.enum(ACCESS_REQUEST_STATES)).optional(),
  reviewPending: z.coerce.boolean().optional(),
  offset: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
/** @public */
export type AccessRequestQuery = z.input<typeof accessRequestQuerySchema>;

/** @public One row of the tamper-evident audit trail. */
export interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** @public */
export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first row whose hash or link does not match. */
  firstBroken?: { seq: number; reason: string };
}
