import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  AccessDecision,
  AccessRequest,
  Page,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { Knex } from 'knex';
import { AuditEntry, AuditLog } from '../audit/AuditLog';
import { parseJson, toBool, toIso } from '../database/rows';
import {
  AccessRequestListQuery,
  AccessRequestStore,
  DecisionOutcome,
  NewAccessRequest,
  OPEN_EXTENSION_STATES,
  TransitionGuard,
  TransitionPatch,
  WorkKind,
} from './AccessRequestStore';

const REMIND_BEFORE_MS = 15 * 60 * 1000;

function patchColumns(patch: TransitionPatch, now: Date): Record<string, unknown> {
  const columns: Record<string, unknown> = { updated_at: now };
  if (patch.state) columns.state = patch.state;
  if (patch.requirement) columns.requirement = JSON.stringify(patch.requirement);
  if (patch.activatedAt) columns.activated_at = patch.activatedAt;
  if (patch.expiresAt) columns.expires_at = patch.expiresAt;
  if (patch.endedAt) columns.ended_at = patch.endedAt;
  if (patch.endReason) columns.end_reason = patch.endReason;
  if (patch.lastError !== undefined) columns.last_error = patch.lastError;
  if (patch.nextAttemptAt !== undefined) columns.next_attempt_at = patch.nextAttemptAt;
  if (patch.expiryNotifiedAt) columns.expiry_notified_at = patch.expiryNotifiedAt;
  if (patch.review) {
    columns.review_completed_by = patch.review.completedBy;
    columns.review_completed_at = patch.review.completedAt;
    columns.review_notes = patch.review.notes;
  }
  return columns;
}

/** An {@link AccessRequestStore} on the plugin's knex database. */
export class DatabaseAccessRequestStore implements AccessRequestStore {
  static create(options: { client: Knex; audit: AuditLog }): DatabaseAccessRequestStore {
    return new DatabaseAccessRequestStore(options.client, options.audit);
  }

  private constructor(
    private readonly db: Knex,
    private readonly audit: AuditLog,
  ) {}

  async create(request: NewAccessRequest, audit: AuditEntry): Promise<AccessRequest> {
    try {
      await this.insert(request, audit);
    } catch (error) {
      if (request.extendsId && isOpenExtensionConflict(error)) {
        throw new ConflictError(`Grant ${request.extendsId} already has an extension that is pending or active`);
      }
      throw error;
    }
    return (await this.get(request.id))!;
  }

  private async insert(request: NewAccessRequest, audit: AuditEntry): Promise<void> {
    const now = new Date();
    await this.db.transaction(async tx => {
      await tx('access_requests').insert({
        id: request.id,
        entity_ref: request.entityRef,
        resource_arn: request.resourceArn ?? null,
        role_name: request.role.name,
        role_target: request.role.target,
        requester: request.requester,
        principal_arns: JSON.stringify(request.principalArns),
        justification: request.justification,
        ticket: request.ticket ?? null,
        duration_hours: request.durationHours,
        break_glass: request.breakGlass,
        state: request.state,
        requirement: JSON.stringify(request.requirement),
        version: 1,
        created_at: now,
        updated_at: now,
        pending_until: request.pendingUntil ?? null,
        extends_id: request.extendsId ?? null,
        review_required: request.reviewRequired,
      });
      await this.audit.append(audit, tx);
    });
  }

  async get(id: string): Promise<AccessRequest | undefined> {
    return this.read(this.db, id);
  }

  private async read(db: Knex | Knex.Transaction, id: string): Promise<AccessRequest | undefined> {
    const row = await db('access_requests').where({ id }).first();
    if (!row) return undefined;
    const decisions = await db('access_decisions').where({ request_id: id }).orderBy('decided_at');
    const extensions = row.state === 'active' ? await openExtensionsOf(db, [id]) : undefined;
    return toRequest(row, decisions, extensions?.get(id));
  }

  async list(query: AccessRequestListQuery): Promise<Page<AccessRequest>> {
    const base = this.db('access_requests');
    if (query.requester) base.where('requester', query.requester);
    if (query.excludeRequester) base.whereNot('requester', query.excludeRequester);
    if (query.excludeDecidedBy) {
      base.whereNotIn(
        'id',
        this.db('access_decisions').select('request_id').where('approver', query.excludeDecidedBy),
      );
    }
    if (query.entityRef) base.where('entity_ref', query.entityRef);
    if (query.extendsId) base.where('extends_id', query.extendsId);
    if (query.states?.length) base.whereIn('state', query.states);
    if (query.reviewPending) base.where('review_required', true).whereNull('review_completed_at');
    if (query.decidableByGroups) {
      const groups = query.decidableByGroups;
      // The requirement JSON lists approver groups; a LIKE per group keeps this portable.
      base.where(q => {
        for (const group of groups) q.orWhere('requirement', 'like', `%${JSON.stringify(group)}%`);
        if (groups.length === 0) q.whereRaw('1 = 0');
      });
    }
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = await base.select('*').orderBy('created_at', 'desc').offset(query.offset).limit(query.limit);
    const decisions = rows.length
      ? await this.db('access_decisions').whereIn('request_id', rows.map(r => r.id)).orderBy('decided_at')
      : [];
    const extensions = await openExtensionsOf(this.db, rows.filter(r => r.state === 'active').map(r => r.id));
    return {
      items: rows.map(row => toRequest(row, decisions.filter(d => d.request_id === row.id), extensions.get(row.id))),
      totalCount: Number(count),
      offset: query.offset,
      limit: query.limit,
    };
  }

  async transition(id: string, guard: TransitionGuard, patch: TransitionPatch, audit: AuditEntry) {
    await this.db.transaction(async tx => {
      await this.applyTransition(tx, id, guard, patch);
      await this.audit.append(audit, tx);
    });
    return (await this.get(id))!;
  }

  private async applyTransition(tx: Knex.Transaction, id: string, guard: TransitionGuard, patch: TransitionPatch) {
    const update = tx('access_requests')
      .where({ id })
      .whereIn('state', guard.from)
      .update({ ...patchColumns(patch, new Date()), version: tx.raw('version + 1') });
    if (guard.version !== undefined) update.where('version', guard.version);
    const changed = await update;
    if (changed === 0) {
      const current = await tx('access_requests').where({ id }).first('state', 'version');
      if (!current) throw new NotFoundError(`No access request ${id}`);
      if (guard.version !== undefined && current.version !== guard.version && guard.from.includes(current.state)) {
        throw new ConflictError(`Access request ${id} changed meanwhile (version ${current.version}, not ${guard.version}); reload it`);
      }
      throw new ConflictError(`Access request ${id} is ${current.state}; this needs it to be ${guard.from.join(' or ')}`);
    }
  }

  async decide(
    id: string,
    decision: Omit<AccessDecision, 'decidedAt'>,
    guard: TransitionGuard,
    outcome: DecisionOutcome,
    audit: AuditEntry,
  ): Promise<AccessRequest> {
    await this.db.transaction(async tx => {
      // Row lock on PostgreSQL; SQLite runs one write transaction at a time.
      const locked = tx('access_requests').where({ id }).first('state', 'version');
      if (tx.client.config.client === 'pg') locked.forUpdate();
      const row = await locked;
      if (!row) throw new NotFoundError(`No access request ${id}`);
      if (!guard.from.includes(row.state)) {
        throw new ConflictError(`Access request ${id} is ${row.state}; it can no longer be decided`);
      }
      if (guard.version !== undefined && row.version !== guard.version) {
        throw new ConflictError(`Access request ${id} changed meanwhile (version ${row.version}, not ${guard.version}); reload it`);
      }
      const existing = await tx('access_decisions').where({ request_id: id, approver: decision.approver }).first();
      if (existing) {
        throw new ConflictError(`${decision.approver} has already decided on access request ${id}`);
      }
      await tx('access_decisions').insert({
        request_id: id,
        approver: decision.approver,
        decision: decision.decision,
        comment: decision.comment ?? null,
        as_security: decision.asSecurity,
        decided_at: new Date(),
      });
      const request = (await this.read(tx, id))!;
      const patch = outcome(request, request.decisions) ?? {};
      await this.applyTransition(tx, id, { from: [row.state], version: row.version }, patch);
      await this.audit.append(audit, tx);
      if (patch.state && patch.state !== row.state) {
        await this.audit.append(
          { actor: decision.approver, action: `access-request.${patch.state}`, subject: id, details: { decisions: request.decisions.length } },
          tx,
        );
      }
    });
    return (await this.get(id))!;
  }

  /** Requests due for a kind of work. */
  private dueQuery(kind: WorkKind, now: Date): Knex.QueryBuilder {
    const q = this.db('access_requests');
    const unleased = (b: Knex.QueryBuilder) =>
      b.where(w => w.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', now));
    switch (kind) {
      case 'grant':
        return unleased(q.whereIn('state', ['approved', 'grant-failed']));
      case 'expire':
        return unleased(q.where('state', 'active').where('expires_at', '<=', now));
      case 'lapse':
        return q.where('state', 'pending').where('pending_until', '<=', now);
      case 'remind':
        return q
          .where('state', 'active')
          .whereNull('expiry_notified_at')
          .where('expires_at', '<=', new Date(now.getTime() + REMIND_BEFORE_MS));
      default:
        throw new Error(`Unknown work kind ${kind satisfies never}`);
    }
  }

  async claimDue(kind: WorkKind, now: Date, leaseMs: number, limit: number) {
    const ids: { id: string }[] = await this.dueQuery(kind, now).select('id').limit(limit);
    const claimed: AccessRequest[] = [];
    for (const { id } of ids) {
      let request: AccessRequest | undefined;
      if (kind === 'grant' || kind === 'expire') {
        request = await this.claim(id, kind, now, leaseMs);
      } else if (kind === 'remind') {
        const changed = await this.dueQuery(kind, now).where({ id }).update({ expiry_notified_at: now });
        request = changed === 1 ? await this.get(id) : undefined;
      } else {
        request = await this.get(id);
      }
      if (request) claimed.push(request);
    }
    return claimed;
  }

  async claim(id: string, kind: 'grant' | 'expire', now: Date, leaseMs: number) {
    const changed = await this.dueQuery(kind, now)
      .where({ id })
      .update({
        next_attempt_at: new Date(now.getTime() + leaseMs),
        grant_attempts: this.db.raw('grant_attempts + 1'),
      });
    return changed === 1 ? this.get(id) : undefined;
  }

  async hasOverlappingGrant(request: AccessRequest, at: Date): Promise<boolean> {
    const other = await this.db('access_requests')
      .whereNot('id', request.id)
      .where({ requester: request.requester, role_target: request.role.target, state: 'active' })
      .where('expires_at', '>', at)
      .first('id');
    return Boolean(other);
  }
}

/** The open extension of each of the given requests that has one. */
async function openExtensionsOf(db: Knex | Knex.Transaction, ids: string[]): Promise<Map<string, { id: string; state: AccessRequest['state'] }>> {
  if (ids.length === 0) return new Map();
  const rows = await db('access_requests').select('id', 'state', 'extends_id').whereIn('extends_id', ids).whereIn('state', OPEN_EXTENSION_STATES);
  return new Map(rows.map(r => [r.extends_id, { id: r.id, state: r.state }]));
}

function toRequest(row: any, decisions: any[], extendedBy?: AccessRequest['extendedBy']): AccessRequest {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    resourceArn: row.resource_arn ?? undefined,
    role: { name: row.role_name, target: row.role_target },
    requester: row.requester,
    principalArns: parseJson(row.principal_arns, []),
    justification: row.justification,
    ticket: row.ticket ?? undefined,
    durationHours: Number(row.duration_hours),
    breakGlass: toBool(row.break_glass),
    state: row.state,
    requirement: parseJson(row.requirement, {} as any),
    decisions: decisions.map(d => ({
      approver: d.approver,
      decision: d.decision,
      comment: d.comment ?? undefined,
      asSecurity: toBool(d.as_security),
      decidedAt: toIso(d.decided_at)!,
    })),
    createdAt: toIso(row.created_at)!,
    updatedAt: toIso(row.updated_at)!,
    pendingUntil: toIso(row.pending_until),
    activatedAt: toIso(row.activated_at),
    expiresAt: toIso(row.expires_at),
    endedAt: toIso(row.ended_at),
    endReason: row.end_reason ?? undefined,
    lastError: row.last_error ?? undefined,
    attempts: Number(row.grant_attempts),
    extends: row.extends_id ?? undefined,
    extendedBy,
    review: toBool(row.review_required)
      ? {
          required: true,
          completedBy: row.review_completed_by ?? undefined,
          completedAt: toIso(row.review_completed_at),
          notes: row.review_notes ?? undefined,
        }
      : undefined,
    version: Number(row.version),
  };
}

/** The unique index on open extensions refused the row (PostgreSQL or SQLite wording). */
function isOpenExtensionConflict(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  if (e.code === '23505') return e.constraint === 'access_requests_one_open_extension';
  return e.code === 'SQLITE_CONSTRAINT_UNIQUE' && /access_requests\.extends_id/.test(e.message ?? '');
}
