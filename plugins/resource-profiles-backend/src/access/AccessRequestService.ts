import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  AccessRequest,
  ApprovalRequirement,
  CreateAccessRequest,
  Page,
  ResourceProfile,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { randomUUID } from 'crypto';
import { ProfileService } from '../profiles/ProfileService';
import { AccessRequestStore } from './AccessRequestStore';
import {
  approvalRequirement,
  decisionEligibility,
  decisionOutcome,
  PolicyContext,
} from './approvalPolicy';
import { GrantRiskEvaluator } from './GrantRiskEvaluator';
import { GrantWorker } from './GrantWorker';
import { principalArnsOf } from './requesterIdentity';

export interface AccessConfig extends PolicyContext {
  /** How long a request may stay pending before it lapses. */
  pendingTimeoutHours: number;
  platformTeam: string;
}

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** A request as far as the policy needs it: the justification may still be unwritten. */
type AccessRequestPreview = Omit<CreateAccessRequest, 'justification'> & { justification?: string };

/**
 * The access-request workflow. Identity always comes from the caller's
 * credentials; every rule (eligibility, self-approval, SoD, states) is
 * checked here on the server, and every change runs in a transaction.
 */
export class AccessRequestService {
  constructor(
    private readonly deps: {
      store: AccessRequestStore;
      profiles: ProfileService;
      catalog: CatalogService;
      auth: AuthService;
      userInfo: UserInfoService;
      risks: GrantRiskEvaluator;
      grants: GrantWorker;
      notifications?: NotificationService;
      logger: LoggerService;
      config: AccessConfig;
    },
  ) {}

  private async principalsOf(userRef: string): Promise<string[]> {
    const user = await this.deps.catalog.getEntityByRef(userRef, {
      credentials: await this.deps.auth.getOwnServiceCredentials(),
    });
    return principalArnsOf(user, await this.deps.risks.model());
  }

  /** Validates a request against the entity's profile and computes what it needs. */
  private async plan(input: AccessRequestPreview, credentials: UserCredentials) {
    const profile = await this.deps.profiles.getProfile(input.entityRef, credentials);
    if (!profile) throw new NotFoundError(`No resource profile for ${input.entityRef}`);
    const role = profile.requestableRoles.find(r => r.name === input.role);
    if (!role) {
      throw new InputError(
        `Role "${input.role}" is not requestable on ${profile.entityRef}; requestable: ${profile.requestableRoles.map(r => r.name).join(', ') || 'none'}`,
      );
    }
    if (input.durationHours > profile.maxGrantDurationHours) {
      throw new InputError(`At most ${profile.maxGrantDurationHours} hours may be requested on ${profile.entityRef}`);
    }
    const requester = credentials.principal.userEntityRef;
    const principalArns = await this.principalsOf(requester);
    const evaluation = await this.deps.risks.evaluate(principalArns, role.target);
    const requirement = approvalRequirement(
      profile,
      { breakGlass: Boolean(input.breakGlass), risks: evaluation.risks },
      this.deps.config,
    );
    return { profile, role, requester, principalArns, requirement };
  }

  async preview(input: AccessRequestPreview, credentials: UserCredentials): Promise<ApprovalRequirement> {
    return (await this.plan(input, credentials)).requirement;
  }

  async create(input: CreateAccessRequest, credentials: UserCredentials): Promise<AccessRequest> {
    const { profile, role, requester, principalArns, requirement } = await this.plan(input, credentials);
    if (requirement.refusal) throw new NotAllowedError(requirement.refusal);
    if (principalArns.length === 0) {
      throw new InputError(`No IAM principal is mapped to ${requester} (annotation resource-profiles.io/iam-principals or a matching email)`);
    }
    if (input.extends) {
      const original = await this.deps.store.get(input.extends);
      if (!original || original.requester !== requester || original.state !== 'active' || original.role.name !== input.role) {
        throw new InputError('Only your own active grant of the same role can be extended');
      }
    }
    const immediate = requirement.mode === 'auto' || requirement.mode === 'break-glass';
    const now = new Date();
    const created = await this.deps.store.create(
      {
        id: randomUUID(),
        entityRef: profile.entityRef,
        resourceArn: profile.arn,
        role,
        requester,
        principalArns,
        justification: input.justification,
        ticket: input.ticket,
        durationHours: input.durationHours,
        breakGlass: requirement.mode === 'break-glass',
        state: immediate ? 'approved' : 'pending',
        requirement,
        pendingUntil: immediate ? undefined : new Date(now.getTime() + this.deps.config.pendingTimeoutHours * 3_600_000),
        extendsId: input.extends,
        reviewRequired: requirement.mode === 'break-glass',
      },
      {
        actor: requester,
        action: requirement.mode === 'break-glass' ? 'access-request.break-glass' : 'access-request.created',
        subject: profile.entityRef,
        details: {
          role: role.name,
          target: role.target,
          durationHours: input.durationHours,
          justification: input.justification,
          ticket: input.ticket,
          risks: requirement.risks.map(r => r.title),
          mode: requirement.mode,
        },
      },
    );
    await this.notifyCreated(created, profile);
    return immediate ? this.deps.grants.activate(created.id) : created;
  }

  async decide(
    id: string,
    input: { decision: 'approve' | 'deny'; comment?: string; version?: number },
    credentials: UserCredentials,
  ): Promise<AccessRequest> {
    const request = await this.deps.store.get(id);
    if (!request) throw new NotFoundError(`No access request ${id}`);
    const approver = credentials.principal.userEntityRef;
    const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(credentials);
    const eligibility = decisionEligibility(
      request,
      { userRef: approver, ownershipRefs: ownershipEntityRefs, principalArns: await this.principalsOf(approver) },
      this.deps.config,
    );
    if (!eligibility.eligible) throw new NotAllowedError(eligibility.reason);

    // SoD is checked again at approval: the IAM data may have changed since the request.
    let requirement = request.requirement;
    if (input.decision === 'approve') {
      const { risks } = await this.deps.risks.evaluate(request.principalArns, request.role.target);
      const known = new Set(requirement.risks.map(r => r.title));
      const fresh = risks.filter(r => !known.has(r.title));
      if (fresh.length > 0) {
        if (this.deps.config.sodPolicy === 'deny') {
          return this.deps.store.transition(
            id,
            { from: ['pending'] },
            { state: 'denied', endedAt: new Date(), endReason: 'sod-conflict' },
            { actor: approver, action: 'access-request.denied', subject: id, details: { reason: 'sod-conflict', risks: fresh.map(r => r.title) } },
          );
        }
        requirement = {
          ...requirement,
          risks: [...requirement.risks, ...fresh],
          requiresSecurityApproval: true,
          approverGroups: [...new Set([...requirement.approverGroups, this.deps.config.securityGroup])],
        };
      }
    }

    const decided = await this.deps.store.decide(
      id,
      { approver, decision: input.decision, comment: input.comment, asSecurity: eligibility.asSecurity },
      { from: ['pending'], version: input.version },
      (current, decisions) => {
        const withRequirement = { ...current, requirement };
        const outcome = decisionOutcome(withRequirement, decisions, new Date());
        return requirement !== current.requirement ? { ...outcome, requirement } : outcome;
      },
      { actor: approver, action: `access-request.${input.decision}`, subject: id, details: { comment: input.comment } },
    );
    await this.notify([decided.requester], `Your access request was ${input.decision === 'approve' ? 'approved by' : 'denied by'} ${approver}`, decided);
    return decided.state === 'approved' ? this.deps.grants.activate(id) : decided;
  }

  async cancel(id: string, credentials: UserCredentials): Promise<AccessRequest> {
    const request = await this.getVisible(id, credentials);
    if (request.requester !== credentials.principal.userEntityRef) {
      throw new NotAllowedError('Only the requester can cancel a request');
    }
    return this.deps.store.transition(
      id,
      { from: ['pending'] },
      { state: 'cancelled', endedAt: new Date(), endReason: 'cancelled' },
      { actor: request.requester, action: 'access-request.cancelled', subject: id },
    );
  }

  /** Ends an active grant early: the requester, an approver of it, or the platform team. */
  async revoke(id: string, reason: string, credentials: UserCredentials, isAdmin: boolean): Promise<AccessRequest> {
    // Those who may see a request are those who may end it.
    await this.getVisible(id, credentials, isAdmin);
    return this.deps.grants.revoke(id, credentials.principal.userEntityRef, reason);
  }

  async completeReview(id: string, notes: string, credentials: UserCredentials): Promise<AccessRequest> {
    const request = await this.deps.store.get(id);
    if (!request) throw new NotFoundError(`No access request ${id}`);
    if (!request.review?.required) throw new InputError('This request needs no review');
    if (request.review.completedAt) throw new ConflictError('The review is already complete');
    const reviewer = credentials.principal.userEntityRef;
    if (reviewer === request.requester) throw new NotAllowedError('You cannot review your own break-glass access');
    const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(credentials);
    const reviewers = [...request.requirement.approverGroups, this.deps.config.securityGroup, this.deps.config.platformTeam];
    if (!reviewers.some(g => ownershipEntityRefs.includes(g))) {
      throw new NotAllowedError(`Only members of ${reviewers.join(', ')} may review this break-glass access`);
    }
    return this.deps.store.transition(
      id,
      { from: ['approved', 'active', 'grant-failed', 'expired', 'revoked'] },
      { review: { completedBy: reviewer, completedAt: new Date(), notes } },
      { actor: reviewer, action: 'access-request.review-completed', subject: id, details: { notes } },
    );
  }

  /** A request the caller is part of (requester or possible approver), or any for admins. */
  async getVisible(id: string, credentials: UserCredentials, isAdmin = false): Promise<AccessRequest> {
    const request = await this.deps.store.get(id);
    if (!request) throw new NotFoundError(`No access request ${id}`);
    if (isAdmin || request.requester === credentials.principal.userEntityRef) return request;
    const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(credentials);
    if (request.requirement.approverGroups.some(g => ownershipEntityRefs.includes(g))) return request;
    throw new NotFoundError(`No access request ${id}`);
  }

  async list(
    query: { view: 'mine' | 'to-decide' | 'all'; entityRef?: string; state?: AccessRequest['state'][]; reviewPending?: boolean; offset?: number; limit?: number },
    credentials: UserCredentials,
    isAdmin: boolean,
  ): Promise<Page<AccessRequest>> {
    const user = credentials.principal.userEntityRef;
    const page = { offset: query.offset ?? 0, limit: query.limit ?? 25 };
    const filters = { entityRef: query.entityRef, states: query.state, reviewPending: query.reviewPending, ...page };
    if (query.view === 'mine') return this.deps.store.list({ ...filters, requester: user });
    if (query.view === 'all') {
      if (!isAdmin) throw new NotAllowedError('Only the platform team sees every request');
      return this.deps.store.list(filters);
    }
    const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(credentials);
    return this.deps.store.list({
      ...filters,
      states: ['pending'],
      excludeRequester: user,
      excludeDecidedBy: user,
      decidableByGroups: ownershipEntityRefs.filter(ref => ref.startsWith('group:')),
    });
  }

  private async notifyCreated(request: AccessRequest, profile: ResourceProfile) {
    const { requirement } = request;
    if (requirement.mode === 'break-glass') {
      await this.notify(
        [...(profile.owner ? [profile.owner] : []), this.deps.config.securityGroup],
        `Break-glass access to ${profile.entityRef} by ${request.requester}`,
        request,
        'critical',
      );
    } else if (request.state === 'pending') {
      await this.notify(
        requirement.approverGroups,
        `${request.requester} requests ${request.role.name} on ${profile.entityRef}`,
        request,
        'high',
      );
    }
  }

  async notify(recipients: string[], title: string, request: AccessRequest, severity: 'critical' | 'high' | 'normal' = 'normal') {
    if (!this.deps.notifications || recipients.length === 0) return;
    try {
      await this.deps.notifications.send({
        recipients: { type: 'entity', entityRef: recipients, excludeEntityRef: [] },
        payload: {
          title,
          description: `${request.role.name} on ${request.entityRef} for ${request.durationHours} h: ${request.justification}`,
          link: '/resource-profiles?tab=approvals',
          severity,
          topic: `resource-profiles:access-request:${request.id}`,
        },
      });
    } catch (error) {
      // A notification outage must not undo a committed transition.
      this.deps.logger.warn(`Could not send notification "${title}": ${(error as Error).message}`);
    }
  }
}
