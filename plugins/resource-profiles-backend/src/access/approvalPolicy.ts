import {
  AccessDecision,
  AccessRequest,
  ApprovalRequirement,
  GrantRisk,
  ResourceProfile,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { TransitionPatch } from './AccessRequestStore';

/** What to do when a grant would create an SoD conflict or escalation path. */
export type SodPolicy = 'deny' | 'require-security-approval';

export interface PolicyContext {
  sodPolicy: SodPolicy;
  securityGroup: string;
}

/** The approvals a request needs, from the resource's profile and the grant's risks. */
export function approvalRequirement(
  profile: ResourceProfile,
  options: { breakGlass: boolean; risks: GrantRisk[] },
  context: PolicyContext,
): ApprovalRequirement {
  const approverGroups = [...new Set([...(profile.owner ? [profile.owner] : []), ...profile.approverGroups])];
  const { risks } = options;
  const requirement: ApprovalRequirement = {
    mode: 'approvers',
    requiredApprovals: Math.max(1, profile.approvalPolicy.requiredApprovals),
    requiresSecurityApproval: false,
    approverGroups,
    risks,
  };
  if (options.breakGlass) {
    return profile.breakGlassAllowed
      ? { ...requirement, mode: 'break-glass', requiredApprovals: 0 }
      : { ...requirement, mode: 'break-glass', requiredApprovals: 0, refusal: 'Break-glass is not allowed on this resource' };
  }
  if (risks.length > 0) {
    if (context.sodPolicy === 'deny') {
      return {
        ...requirement,
        refusal: `The grant would create ${risks.length} SoD conflict(s) or escalation path(s): ${risks.map(r => r.title).join('; ')}`,
      };
    }
    // Risky grants are never automatic, and need someone from security on top.
    return {
      ...requirement,
      requiresSecurityApproval: true,
      approverGroups: [...new Set([...approverGroups, context.securityGroup])],
    };
  }
  if (profile.approvalPolicy.mode === 'auto') {
    return { ...requirement, mode: 'auto', requiredApprovals: 0 };
  }
  return requirement;
}

/** Whether a person may decide on a request, and whether they count as the security approval. */
export function decisionEligibility(
  request: AccessRequest,
  approver: { userRef: string; ownershipRefs: string[]; principalArns: string[] },
  context: PolicyContext,
): { eligible: true; asSecurity: boolean } | { eligible: false; reason: string } {
  if (approver.userRef === request.requester) {
    return { eligible: false, reason: 'You cannot decide on your own request' };
  }
  const shared = approver.principalArns.filter(arn => request.principalArns.includes(arn));
  if (shared.length > 0) {
    return {
      eligible: false,
      reason: `The grant would give you access too: you also act as ${shared.join(', ')}`,
    };
  }
  const groups = request.requirement.approverGroups;
  const inApproverGroup = groups.some(
    group => group !== context.securityGroup && approver.ownershipRefs.includes(group),
  );
  const inSecurity =
    approver.ownershipRefs.includes(context.securityGroup) &&
    (groups.includes(context.securityGroup) || request.requirement.requiresSecurityApproval);
  if (!inApproverGroup && !inSecurity) {
    return { eligible: false, reason: `Only members of ${groups.join(', ')} may decide on this request` };
  }
  return { eligible: true, asSecurity: inSecurity };
}

/**
 * The state a request moves to after its decisions: any deny ends it; enough
 * distinct approvals (with a security approval when required) approve it.
 */
export function decisionOutcome(request: AccessRequest, decisions: AccessDecision[], now: Date): TransitionPatch | undefined {
  if (decisions.some(d => d.decision === 'deny')) {
    return { state: 'denied', endedAt: now, endReason: 'denied' };
  }
  const approvals = decisions.filter(d => d.decision === 'approve');
  const approvers = new Set(approvals.map(d => d.approver));
  const { requiredApprovals, requiresSecurityApproval } = request.requirement;
  const needed = requiredApprovals + (requiresSecurityApproval ? 1 : 0);
  const securityOk = !requiresSecurityApproval || approvals.some(d => d.asSecurity);
  if (approvers.size >= needed && securityOk) {
    return { state: 'approved', nextAttemptAt: null };
  }
  return undefined;
}
