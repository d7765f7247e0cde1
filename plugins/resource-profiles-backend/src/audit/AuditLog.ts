import {
  AuditEvent,
  AuditVerification,
  Page,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { Knex } from 'knex';
import { parseJson, toIso } from '../database/rows';
import { eventHash, GENESIS_HASH } from './hashChain';

export interface AuditEntry {
  actor: string;
  action: string;
  subject: string;
  details?: Record<string, unknown>;
}

// Any constant: the lock id that serializes appends across replicas on PostgreSQL.
const APPEND_LOCK_ID = 7_314_159;
const VERIFY_BATCH = 1000;

/**
 * The append-only audit trail. Each row stores the hash of the previous row
 * and its own, so a row changed or removed by hand breaks the chain.
 */
export class AuditLog {
  static create(options: { client: Knex }): AuditLog {
    return new AuditLog(options.client);
  }

  private constructor(private readonly db: Knex) {}

  /** Appends an event, inside the caller's transaction when given. */
  async append(entry: AuditEntry, tx?: Knex.Transaction): Promise<AuditEvent> {
    if (!tx) {
      return this.db.transaction(inner => this.append(entry, inner));
    }
    if (tx.client.config.client === 'pg') {
      await tx.raw('select pg_advisory_xact_lock(?)', [APPEND_LOCK_ID]);
    }
    const last = await tx('audit_events').orderBy('seq', 'desc').first('hash');
    const prevHash: string = last?.hash ?? GENESIS_HASH;
    const at = new Date();
    const fields = {
      at: at.toISOString(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      details: entry.details ?? {},
    };
    const hash = eventHash(prevHash, fields);
    const [row] = await tx('audit_events')
      .insert({
        at,
        actor: fields.actor,
        action: fields.action,
        subject: fields.subject,
        details: JSON.stringify(fields.details),
        prev_hash: prevHash,
        hash,
      })
      .returning('seq');
    const seq = Number(typeof row === 'object' ? row.seq : row);
    return { seq, ...fields, prevHash, hash };
  }

  async list(query: { subject?: string; offset?: number; limit?: number }): Promise<Page<AuditEvent>> {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    const base = this.db('audit_events');
    if (query.subject) base.where('subject', query.subject);
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = await base.select('*').orderBy('seq', 'desc').offset(offset).limit(limit);
    return { items: rows.map(toEvent), totalCount: Number(count), offset, limit };
  }

  /** Recomputes every hash in order and reports the first row that does not match. */
  async verify(): Promise<AuditVerification> {
    let prevHash = GENESIS_HASH;
    let checked = 0;
    let after = 0;
    for (;;) {
      const rows = await this.db('audit_events')
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(VERIFY_BATCH);
      for (const row of rows) {
        const event = toEvent(row);
        if (event.prevHash !== prevHash) {
          return { ok: false, checked, firstBroken: { seq: event.seq, reason: 'does not link to the previous event (a row was removed or reordered)' } };
        }
        if (eventHash(prevHash, event) !== event.hash) {
          return { ok: false, checked, firstBroken: { seq: event.seq, reason: 'content does not match its hash (the row was changed)' } };
        }
        prevHash = event.hash;
        checked++;
        after = event.seq;
      }
      if (rows.length < VERIFY_BATCH) return { ok: true, checked };
    }
  }

  /** Every event in chain order, in batches, for export. */
  async *all(): AsyncGenerator<AuditEvent[]> {
    let after = 0;
    for (;;) {
      const rows = await this.db('audit_events').where('seq', '>', after).orderBy('seq').limit(VERIFY_BATCH);
      if (rows.length === 0) return;
      yield rows.map(toEvent);
      after = Number(rows[rows.length - 1].seq);
    }
  }
}

function toEvent(row: any): AuditEvent {
  return {
    seq: Number(row.seq),
    at: toIso(row.at)!,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    details: parseJson(row.details, {}),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
