import {
  AccessDecision,
  AccessRequest,
  AccessRequestState,
  ApprovalRequirement,
  Page,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { Knex } from 'knex';
import { AuditEntry } from '../audit/AuditLog';

/**
 * States in which an extension still gives access, now or once applied; a grant has at most one
 * extension in them (a unique index on `extends_id`, migration 20261123000000).
 */
export const OPEN_EXTENSION_STATES: AccessRequestState[] = ['pending', 'approved', 'grant-failed', 'active'];

/** A request as it is first stored: the fields the requester and the policy decide. */
export type NewAccessRequest = Pick<
  AccessRequest,
  | 'id'
  | 'entityRef'
  | 'resourceArn'
  | 'role'
  | 'requester'
  | 'principalArns'
  | 'justification'
  | 'ticket'
  | 'durationHours'
  | 'breakGlass'
  | 'state'
  | 'requirement'
> & {
  pendingUntil?: Date;
  extendsId?: string;
  reviewRequired: boolean;
};

/** Column values a transition may set; `version` always moves on. */
export interface TransitionPatch {
  state?: AccessRequestState;
  requirement?: ApprovalRequirement;
  activatedAt?: Date;
  expiresAt?: Date;
  endedAt?: Date;
  endReason?: string;
  lastError?: string | null;
  nextAttemptAt?: Date | null;
  expiryNotifiedAt?: Date;
  review?: { completedBy: string; completedAt: Date; notes: string };
}

export interface TransitionGuard {
  from: AccessRequestState[];
  /** The version the caller saw; a different current version is a conflict. */
  version?: number;
}

/** How a new decision changes the request, decided inside the transaction. */
export type DecisionOutcome = (
  request: AccessRequest,
  decisions: AccessDecision[],
) => TransitionPatch | undefined;

export interface AccessRequestListQuery {
  requester?: string;
  /** Pending requests any of these groups may decide. */
  decidableByGroups?: string[];
  excludeRequester?: string;
  /** Leaves out requests this person has already decided. */
  excludeDecidedBy?: string;
  entityRef?: string;
  /** Requests that extend this grant. */
  extendsId?: string;
  states?: AccessRequestState[];
  reviewPending?: boolean;
  offset: number;
  limit: number;
}

/** Access requests and decisions; every change runs in one transaction with its audit event. */
export interface AccessRequestStore {
  create(request: NewAccessRequest, audit: AuditEntry): Promise<AccessRequest>;
  get(id: string): Promise<AccessRequest | undefined>;
  list(query: AccessRequestListQuery): Promise<Page<AccessRequest>>;
  /**
   * Moves a request on if it is in one of `guard.from` (and at `guard.version`);
   * throws ConflictError otherwise.
   */
  transition(id: string, guard: TransitionGuard, patch: TransitionPatch, audit: AuditEntry): Promise<AccessRequest>;
  /**
   * Records one approver's decision and applies its outcome atomically. A
   * second decision by the same approver is a ConflictError.
   */
  decide(
    id: string,
    decision: Omit<AccessDecision, 'decidedAt'>,
    guard: TransitionGuard,
    outcome: DecisionOutcome,
    audit: AuditEntry,
  ): Promise<AccessRequest>;
  /**
   * Claims requests due for work (grant, expiry, revocation) for `leaseMs`,
   * so that one worker at a time acts on each.
   */
  claimDue(kind: WorkKind, now: Date, leaseMs: number, limit: number): Promise<AccessRequest[]>;
  /** Claims one request for grant or expiry work, if it is due and nobody holds it. */
  claim(id: string, kind: 'grant' | 'expire', now: Date, leaseMs: number): Promise<AccessRequest | undefined>;
  /** Another active grant of the same target to the same requester, covering `at`. */
  hasOverlappingGrant(request: AccessRequest, at: Date): Promise<boolean>;
}

export type Transaction = Knex.Transaction;

export type WorkKind = 'grant' | 'expire' | 'lapse' | 'remind';
