import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, isError } from '@backstage/errors';
import {
  AccessRequest,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import {
  AccessGrant,
  GrantActuator,
} from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { AccessRequestStore, OPEN_EXTENSION_STATES } from './AccessRequestStore';

/** Open extensions not applied yet: ending them is a cancellation. */
const NOT_APPLIED = OPEN_EXTENSION_STATES.filter(state => state !== 'active');

/** How long one worker holds a request while its actuator call runs. */
const LEASE_MS = 5 * 60 * 1000;
const BATCH = 100;

/** Retry delay after `attempts` failures: 30 s doubling, at most 30 min. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60 * 1000);
}

export type Notify = (
  recipients: string[],
  title: string,
  request: AccessRequest,
  severity?: 'critical' | 'high' | 'normal',
) => Promise<void>;

function isConflict(error: unknown) {
  return isError(error) && error.name === ConflictError.name;
}

/**
 * Applies approved grants through the actuator, retries failures, and ends
 * grants at expiry or revocation. Work is claimed row by row with a lease, so
 * with several replicas each grant is applied and revoked by one of them.
 */
export class GrantWorker {
  private notify: Notify = async () => {};

  constructor(
    private readonly deps: {
      store: AccessRequestStore;
      actuator: () => GrantActuator;
      logger: LoggerService;
      platformTeam: string;
    },
  ) {}

  setNotifier(notify: Notify) {
    this.notify = notify;
  }

  /** Applies an approved grant now, unless another worker holds it. */
  async activate(id: string): Promise<AccessRequest> {
    const claimed = await this.deps.store.claim(id, 'grant', new Date(), LEASE_MS);
    return claimed ? this.applyGrant(claimed) : (await this.deps.store.get(id))!;
  }

  /** Marks an active grant for revocation and revokes it now, with its extension. */
  async revoke(id: string, actor: string, reason: string): Promise<AccessRequest> {
    await this.deps.store.transition(
      id,
      { from: ['active'] },
      { expiresAt: new Date(), endReason: 'revoked', nextAttemptAt: null },
      { actor, action: 'access-request.revoke-requested', subject: id, details: { reason } },
    );
    await this.endExtensionsOf(id, actor, reason);
    const claimed = await this.deps.store.claim(id, 'expire', new Date(), LEASE_MS);
    return claimed ? this.endGrant(claimed) : (await this.deps.store.get(id))!;
  }

  /**
   * An active extension would keep the access in place, and one not applied yet would start it
   * again: ending a grant cancels or revokes what extends it.
   */
  private async endExtensionsOf(id: string, actor: string, reason: string): Promise<void> {
    const { items } = await this.deps.store.list({ extendsId: id, states: OPEN_EXTENSION_STATES, offset: 0, limit: 10 });
    const why = `The grant it extends (${id}) was ended: ${reason}`;
    for (const extension of items) await this.endExtension(extension.id, actor, why);
  }

  /** Ends one extension from the state it is in; a decision or grant landing meanwhile is met from its new state. */
  private async endExtension(id: string, actor: string, why: string): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const extension = await this.deps.store.get(id);
      if (!extension) return;
      try {
        if (extension.state === 'active') await this.revoke(id, actor, why);
        else if (NOT_APPLIED.includes(extension.state)) await this.cancel(extension, actor, why);
        return;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
  }

  private cancel(request: AccessRequest, actor: string, reason: string): Promise<AccessRequest> {
    return this.deps.store.transition(
      request.id,
      { from: [request.state] },
      { state: 'cancelled', endedAt: new Date(), endReason: 'cancelled', nextAttemptAt: null },
      { actor, action: 'access-request.cancelled', subject: request.id, details: { reason } },
    );
  }

  /** One pass of scheduled work: lapses, reminders, grant retries and expiries. */
  async runDue(): Promise<void> {
    const { store } = this.deps;
    const now = new Date();
    for (const request of await store.claimDue('lapse', now, LEASE_MS, BATCH)) {
      try {
        await store.transition(
          request.id,
          { from: ['pending'] },
          { state: 'expired', endedAt: now, endReason: 'lapsed' },
          { actor: 'system', action: 'access-request.lapsed', subject: request.id },
        );
        await this.notify([request.requester], 'Your access request lapsed without enough approvals', request);
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    for (const request of await store.claimDue('remind', now, LEASE_MS, BATCH)) {
      await this.notify([request.requester], `Your access ends at ${request.expiresAt}`, request);
    }
    for (const request of await store.claimDue('grant', now, LEASE_MS, BATCH)) {
      await this.applyGrant(request);
    }
    for (const request of await store.claimDue('expire', now, LEASE_MS, BATCH)) {
      await this.endGrant(request);
    }
  }

  private grantOf(request: AccessRequest, expiresAt: Date): AccessGrant {
    return {
      requestId: request.id,
      requester: request.requester,
      principalArns: request.principalArns,
      entityRef: request.entityRef,
      resourceArn: request.resourceArn,
      role: request.role,
      expiresAt: expiresAt.toISOString(),
      breakGlass: request.breakGlass,
    };
  }

  private async applyGrant(request: AccessRequest): Promise<AccessRequest> {
    const { store, logger } = this.deps;
    const actuator = this.deps.actuator();
    const now = new Date();
    let start = now;
    if (request.extends) {
      const original = await store.get(request.extends);
      if (original?.endReason === 'revoked') {
        try {
          return await this.cancel(request, 'system', `The grant it extends (${original.id}) was ended`);
        } catch (error) {
          if (!isConflict(error)) throw error;
          return (await store.get(request.id))!;
        }
      }
      if (original?.expiresAt && Date.parse(original.expiresAt) > now.getTime()) {
        start = new Date(original.expiresAt);
      }
    }
    const expiresAt = new Date(start.getTime() + request.durationHours * 3_600_000);
    try {
      await actuator.apply(this.grantOf(request, expiresAt));
    } catch (error) {
      const message = (error as Error).message;
      const attempts = request.attempts ?? 1;
      logger.warn(`Grant ${request.id} failed (attempt ${attempts}) with ${actuator.id}: ${message}`);
      const failed = await store.transition(
        request.id,
        { from: ['approved', 'grant-failed'] },
        { state: 'grant-failed', lastError: message, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) },
        { actor: 'system', action: 'access-request.grant-failed', subject: request.id, details: { actuator: actuator.id, attempt: attempts, error: message } },
      );
      if (attempts === 1) {
        await this.notify(
          [request.requester, ...request.requirement.approverGroups],
          `Access for ${request.requester} could not be granted yet; retrying`,
          failed,
          'high',
        );
      }
      return failed;
    }
    let active: AccessRequest;
    try {
      active = await store.transition(
        request.id,
        { from: ['approved', 'grant-failed'] },
        { state: 'active', activatedAt: now, expiresAt, lastError: null, nextAttemptAt: null },
        { actor: 'system', action: 'access-request.granted', subject: request.id, details: { actuator: actuator.id, expiresAt: expiresAt.toISOString(), attempts: request.attempts } },
      );
    } catch (error) {
      if (!isConflict(error)) throw error;
      return this.withdraw(request, expiresAt);
    }
    await this.notify([request.requester], `Your access to ${request.entityRef} is active until ${expiresAt.toISOString()}`, active);
    return active;
  }

  /**
   * The request was cancelled while the actuator applied it (the grant it extends was ended
   * meanwhile): the access it just gave is taken back.
   */
  private async withdraw(request: AccessRequest, expiresAt: Date): Promise<AccessRequest> {
    const { store, logger } = this.deps;
    const actuator = this.deps.actuator();
    const current = (await store.get(request.id))!;
    let error: string | undefined;
    try {
      if (!(await store.hasOverlappingGrant(current, new Date()))) await actuator.revoke(this.grantOf(request, expiresAt));
    } catch (e) {
      error = (e as Error).message;
      logger.error(`Taking back grant ${request.id} failed with ${actuator.id}: ${error}`);
      await this.notify(
        [this.deps.platformTeam],
        `Access ${request.id} of ${request.requester} was applied after it was ${current.state} and could not be taken back: revoke it by hand`,
        current,
        'critical',
      );
    }
    return store.transition(
      request.id,
      { from: [current.state] },
      error ? { lastError: error } : {},
      { actor: 'system', action: error ? 'access-request.withdraw-failed' : 'access-request.withdrawn', subject: request.id, details: { actuator: actuator.id, ...(error ? { error } : {}) } },
    );
  }

  private async endGrant(request: AccessRequest): Promise<AccessRequest> {
    const { store, logger } = this.deps;
    const actuator = this.deps.actuator();
    const now = new Date();
    const revoked = request.endReason === 'revoked';
    const endState = revoked ? 'revoked' : 'expired';
    try {
      // Another active grant of the same target keeps the access in place.
      if (!(await store.hasOverlappingGrant(request, now))) {
        await actuator.revoke(this.grantOf(request, new Date(request.expiresAt ?? now)));
      }
    } catch (error) {
      const message = (error as Error).message;
      const attempts = request.attempts ?? 1;
      logger.error(`Revoking grant ${request.id} failed (attempt ${attempts}) with ${actuator.id}: ${message}`);
      const failing = await store.transition(
        request.id,
        { from: ['active'] },
        { lastError: message, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) },
        { actor: 'system', action: 'access-request.revoke-failed', subject: request.id, details: { actuator: actuator.id, attempt: attempts, error: message } },
      );
      await this.notify(
        [this.deps.platformTeam],
        `Revoking access ${request.id} of ${request.requester} failed; it is retried until it succeeds`,
        failing,
        'critical',
      );
      return failing;
    }
    const ended = await store.transition(
      request.id,
      { from: ['active'] },
      { state: endState, endedAt: now, lastError: null, nextAttemptAt: null },
      { actor: 'system', action: `access-request.${endState}`, subject: request.id, details: { actuator: actuator.id } },
    );
    await this.notify([request.requester], `Your access to ${request.entityRef} has ended (${endState})`, ended);
    return ended;
  }
}
