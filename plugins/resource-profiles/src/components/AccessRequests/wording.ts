import {
  AccessRequest,
  ApprovalRequirement,
  GrantRisk,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { formatDateTime } from '../../lib/format';

/** States in which a request still waits for something or holds a grant. */
export const OPEN_STATES: ReadonlyArray<AccessRequest['state']> = [
  'pending',
  'approved',
  'active',
  'grant-failed',
];

function groupList(groups: string[]): string {
  return groups.length > 0 ? groups.join(', ') : 'the owner group';
}

/**
 * What the policy requires, in one sentence: "Needs 2 distinct approvers
 * from group:default/payments, group:default/security". `extending`: the
 * request extends an active grant, so break-glass lengthens it rather than
 * starting access.
 */
export function requirementSentence(
  requirement: ApprovalRequirement,
  extending = false,
): string {
  switch (requirement.mode) {
    case 'auto':
      return 'Granted automatically: no approval is needed.';
    case 'break-glass':
      return `Break-glass: ${
        extending ? 'the grant is extended at once' : 'access starts immediately'
      }, owners and security are notified, and a review must follow.`;
    default: {
      const n = requirement.requiredApprovals;
      const who = n === 1 ? '1 approver' : `${n} distinct approvers`;
      return `Needs ${who} from ${groupList(requirement.approverGroups)}`;
    }
  }
}

/** Why security must also approve, when it must. */
export function securitySentence(
  requirement: ApprovalRequirement,
): string | undefined {
  if (!requirement.requiresSecurityApproval) return undefined;
  const titles = requirement.risks.map(risk => risk.title);
  return titles.length > 0
    ? `Also needs a security approver because the grant would create: ${titles.join(
        '; ',
      )}`
    : 'Also needs a security approver because the grant would create a separation-of-duties risk.';
}

/** `sod-conflict, high` or `privilege-escalation: CreateAccessKey, critical` */
export function riskLabel(risk: GrantRisk): string {
  const rule = risk.method ? `${risk.rule}: ${risk.method}` : risk.rule;
  return `${rule}, ${risk.severity}`;
}

/** What a request asks for, in accessible names: `write on resource:default/payments-ledger-db`. */
export function requestSubject(request: AccessRequest): string {
  return `${request.role.name} on ${request.entityRef}`;
}

/** Distinct people who approved so far. */
export function approvalsSoFar(request: AccessRequest): number {
  return new Set(
    request.decisions
      .filter(d => d.decision === 'approve')
      .map(d => d.approver),
  ).size;
}

/**
 * `1 of 2 approvals`. A security approval, when the grant's risks require
 * one, comes on top of the profile's approvals.
 */
export function approvalProgress(request: AccessRequest): string {
  const { requirement } = request;
  if (requirement.mode === 'auto') return 'Automatic';
  if (requirement.mode === 'break-glass') return 'Break-glass';
  const needed =
    requirement.requiredApprovals +
    (requirement.requiresSecurityApproval ? 1 : 0);
  let text = `${approvalsSoFar(request)} of ${needed} approval${
    needed === 1 ? '' : 's'
  }`;
  if (requirement.requiresSecurityApproval) {
    const security = request.decisions.some(
      d => d.decision === 'approve' && d.asSecurity,
    );
    text += security ? ', security approved' : ', security approval pending';
  }
  return text;
}

/**
 * What an extension extends: `Extends the grant ending 2026-11-22 14:05 UTC`,
 * or `Extends the grant that ended …` once that grant is over.
 */
export function extensionSentence(original: AccessRequest | undefined): string {
  if (original?.endedAt) {
    return `Extends the grant that ended ${formatDateTime(original.endedAt)}`;
  }
  if (original?.expiresAt) {
    return `Extends the grant ending ${formatDateTime(original.expiresAt)}`;
  }
  return 'Extends an earlier grant';
}

const END_REASONS: Record<string, string> = {
  denied: 'Denied',
  'sod-conflict':
    'Denied: the grant would create a separation-of-duties conflict',
  cancelled: 'Cancelled by the requester',
  lapsed: 'Lapsed: not enough approvals in time',
  revoked: 'Revoked before its expiry',
  expired: 'Expired',
};

/**
 * Why a request ended, in words: `Lapsed: not enough approvals in time`. A
 * grant that ran out has no end reason; its state says `expired`.
 */
export function endReasonSentence(request: AccessRequest): string {
  const reason = request.endReason ?? request.state;
  return END_REASONS[reason] ?? `Ended: ${reason}`;
}

/** `2 h`, `30 min`, `1.5 h` */
export function formatHours(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  return `${Math.round(hours * 10) / 10} h`;
}

/**
 * A countdown: `1 h 59 min left` while an hour or more remains, then
 * `4 min 05 s left`, and `expired` once the time has passed.
 */
export function formatTimeLeft(ms: number): string {
  if (ms <= 0) return 'expired';
  const totalSeconds = Math.floor(ms / 1000);
  const days = Math.floor(totalSeconds / 86400);
  const hours = Math.floor((totalSeconds % 86400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) return `${days} d ${hours} h left`;
  if (hours > 0) return `${hours} h ${minutes} min left`;
  return `${minutes} min ${String(seconds).padStart(2, '0')} s left`;
}

/** Where an active grant's extension stands, shown in place of the Extend button. */
export function extensionStatus(state: AccessRequest['state']): string {
  switch (state) {
    case 'pending':
      return 'Extension awaiting approval';
    case 'active':
      return 'Extended';
    default:
      return 'Extension being granted';
  }
}
