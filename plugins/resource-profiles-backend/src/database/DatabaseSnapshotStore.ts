import {
  AccountGuardrails,
  CloudInventoryItem,
  EntityGuardrails,
  Page,
  RoleMappingEntry,
  RoleMappingQuery,
  SEVERITIES,
  SourceStatus,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { parseArn } from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { Knex } from 'knex';
import { copyRows, CopyValue } from './copyRows';
import { chunks, chunkSize, isPostgres, likePattern, parseJson, toBool, toIso } from './rows';
import {
  FindingRecord,
  SnapshotBasis,
  SnapshotStore,
  SnapshotWrite,
  sourceFingerprint,
  SourceIdentity,
  SourceSuccess,
} from './SnapshotStore';

const DEFAULT_PAGE = 50;

function byId(a: { id: string }, b: { id: string }): number {
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/** A {@link SnapshotStore} on the plugin's knex database. */
export class DatabaseSnapshotStore implements SnapshotStore {
  /** The knex client must already be migrated (see DatabaseProfileStore.create). */
  static create(options: { client: Knex }): DatabaseSnapshotStore {
    return new DatabaseSnapshotStore(options.client);
  }

  private constructor(private readonly db: Knex) {}

  async markSourceRunning(source: SourceIdentity, at: Date): Promise<void> {
    await this.db('sources')
      .insert({ id: source.id, kind: source.kind, target: source.target, status: 'running', last_run_at: at })
      .onConflict('id')
      .merge(['kind', 'target', 'status', 'last_run_at']);
  }

  async recordSourceFailure(
    source: SourceIdentity & { durationMs: number; error: string },
    at: Date,
  ): Promise<void> {
    await this.db('sources')
      .insert({
        id: source.id,
        kind: source.kind,
        target: source.target,
        status: 'failed',
        last_run_at: at,
        duration_ms: source.durationMs,
        error: source.error,
      })
      .onConflict('id')
      .merge(['kind', 'target', 'status', 'last_run_at', 'duration_ms', 'error']);
  }

  async getSourceInputs(sourceIds: string[]) {
    if (sourceIds.length === 0) return [];
    const rows = await this.db('sources')
      .whereIn('id', sourceIds)
      .whereNotNull('input')
      .select('id', 'content_sha256', 'input');
    return rows.sort(byId).map(row => ({
      id: row.id as string,
      contentSha256: row.content_sha256 as string,
      input: Buffer.from(row.input),
    }));
  }

  async getSourceFingerprint(sourceIds: string[]): Promise<string> {
    return fingerprintOf(await this.sourceHashes(this.db, sourceIds));
  }

  private async sourceHashes(db: Knex | Knex.Transaction, sourceIds: string[], lock = false) {
    if (sourceIds.length === 0) return [];
    const query = db('sources')
      .whereIn('id', sourceIds)
      .whereNotNull('input')
      .select('id', 'content_sha256')
      .orderBy('id');
    // Locked in one order, so concurrent commits queue instead of deadlocking.
    if (lock && isPostgres(db)) query.forUpdate();
    return (await query) as { id: string; content_sha256: string }[];
  }

  async listSources(): Promise<SourceStatus[]> {
    const rows = await this.db('sources').select(
      'id', 'kind', 'target', 'status', 'last_run_at', 'last_success_at', 'duration_ms', 'error', 'counts',
    ).orderBy('id');
    return rows.map(row => ({
      id: row.id,
      kind: row.kind,
      target: row.target,
      status: row.status,
      lastRunAt: toIso(row.last_run_at),
      lastSuccessAt: toIso(row.last_success_at),
      durationMs: row.duration_ms ?? undefined,
      error: row.error ?? undefined,
      counts: parseJson(row.counts, undefined),
    }));
  }

  async commitSnapshot(snapshot: SnapshotWrite, at: Date, basis: SnapshotBasis): Promise<number | undefined> {
    const committed = await this.db.transaction(async tx => {
      // Lock the sources' rows before anything else; if another commit
      // changed an input since the analysis read it, this snapshot is stale.
      const current = await this.sourceHashes(tx, basis.sourceIds, true);
      const expected = basis.source
        ? [...current.filter(row => row.id !== basis.source!.id), { id: basis.source.id, content_sha256: basis.source.contentSha256 }]
        : current;
      if (fingerprintOf(expected) !== basis.fingerprint) return undefined;
      if (basis.source) await this.writeSourceInput(tx, basis.source, at);

      const [inserted] = await tx('snapshots')
        .insert({ created_at: at, stats: JSON.stringify(snapshot.stats), guardrails: JSON.stringify(snapshot.guardrails ?? []) })
        .returning('id');
      const snapshotId = Number(typeof inserted === 'object' ? inserted.id : inserted);

      await tx('inventory').delete();
      await insertRows(tx, 'inventory', snapshot.inventory.map(inventoryRow));
      await replaceRoleMappings(tx, snapshot.roleMappings);
      await this.upsertFindings(tx, snapshot.findings, at);
      await this.writeCounts(tx, snapshotId);
      return snapshotId;
    });
    // Without statistics SQLite plans the open-findings queries on the wrong
    // index; PostgreSQL's autovacuum keeps its own. A sampled ANALYZE is cheap.
    if (committed !== undefined && !isPostgres(this.db)) {
      await this.db.raw('pragma analysis_limit = 1000');
      await this.db.raw('analyze');
    }
    return committed;
  }

  private async writeSourceInput(tx: Knex.Transaction, source: SourceSuccess, at: Date) {
    await tx('sources')
      .insert({
        id: source.id,
        kind: source.kind,
        target: source.target,
        status: 'succeeded',
        last_run_at: at,
        last_success_at: at,
        duration_ms: source.durationMs,
        error: null,
        counts: JSON.stringify(source.counts),
        content_sha256: source.contentSha256,
        input: source.input,
      })
      .onConflict('id')
      .merge();
  }

  private async upsertFindings(tx: Knex.Transaction, findings: FindingRecord[], at: Date) {
    const rows = findings.map(finding => findingRow(finding, at));
    const refreshed = [
      'rule', 'method', 'severity', 'severity_rank', 'title', 'principal_arn', 'principal_name',
      'principal_type', 'human', 'resources', 'evidence', 'remediation', 'conditional', 'owner',
      'environment', 'search_text', 'last_seen_at', 'resolved_at',
    ];
    const links = findings.flatMap(finding =>
      [...new Set(finding.entityRefs)].map(entityRef => ({ finding_id: finding.id, entity_ref: entityRef })),
    );
    if (isPostgres(tx) && rows.length > 0) {
      // Copied into a scratch table, then upserted in one statement.
      await tx.raw('create temporary table findings_incoming (like findings including defaults) on commit drop');
      await copyObjects(tx, 'findings_incoming', rows);
      const columns = Object.keys(rows[0]).join(', ');
      const updates = refreshed.map(column => `${column} = excluded.${column}`).join(', ');
      await tx.raw(
        `insert into findings (${columns}) select ${columns} from findings_incoming on conflict (id) do update set ${updates}`,
      );
      await tx.raw('delete from finding_entities where finding_id in (select id from findings_incoming)');
      await tx.raw('drop table findings_incoming');
    } else {
      for (const chunk of chunks(rows, chunkSize(Object.keys(rows[0] ?? { a: 1 }).length))) {
        await tx('findings').insert(chunk).onConflict('id').merge(refreshed);
      }
      const ids = findings.map(finding => finding.id);
      for (const chunk of chunks(ids, chunkSize(1))) {
        await tx('finding_entities').whereIn('finding_id', chunk).delete();
      }
    }
    await tx('findings')
      .where('last_seen_at', '<', at)
      .whereNull('resolved_at')
      .update({ resolved_at: at });
    await insertRows(tx, 'finding_entities', links);
  }

  /**
   * Counts of unresolved findings per owner, environment, rule and severity:
   * the trend, and (minus current risk acceptances) the dashboard's counts.
   */
  private async writeCounts(tx: Knex.Transaction, snapshotId: number) {
    const groups = await tx('findings')
      .whereNull('resolved_at')
      .select('owner', 'environment', 'rule', 'severity')
      .count({ count: '*' })
      .groupBy('owner', 'environment', 'rule', 'severity');
    await insertRows(
      tx,
      'snapshot_counts',
      groups.map(group => ({ snapshot_id: snapshotId, ...group, count: Number(group.count) })),
    );
  }

  async latestSnapshot() {
    const row = await this.db('snapshots').orderBy('id', 'desc').first();
    return row
      ? { id: Number(row.id), createdAt: toIso(row.created_at)!, stats: parseJson(row.stats, {}) }
      : undefined;
  }

  async guardrailsOf(arn: string | undefined): Promise<EntityGuardrails> {
    const snapshot = await this.db('snapshots').orderBy('id', 'desc').first('guardrails');
    const all = parseJson<AccountGuardrails[]>(snapshot?.guardrails, []);
    if (!arn) return { organizationKnown: all.length > 0 };
    // The inventory knows the account of resources whose ARN has none (S3 buckets).
    const row = await this.db('inventory').where({ arn }).first('account_id');
    const accountId: string | undefined = row?.account_id || parseArn(arn)?.accountId || undefined;
    const guardrails = accountId ? all.find(g => g.accountId === accountId) : undefined;
    return { ...(accountId ? { accountId } : {}), organizationKnown: all.length > 0, ...(guardrails ? { guardrails } : {}) };
  }

  async queryRoleMappings(resourceArn: string, query: RoleMappingQuery): Promise<Page<RoleMappingEntry>> {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? DEFAULT_PAGE;
    const base = this.db('role_mappings').where('resource_arn', resourceArn);
    if (query.principal) {
      const pattern = likePattern(query.principal);
      base.where(q =>
        q.whereRaw("lower(principal_name) like ? escape '\\'", [pattern])
          .orWhereRaw("lower(principal_arn) like ? escape '\\'", [pattern]),
      );
    }
    if (query.accessLevel?.length) base.whereIn('access_level', query.accessLevel);
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = await base
      .select('*')
      .orderBy([{ column: 'principal_name' }, { column: 'access_level' }, { column: 'id' }])
      .offset(offset)
      .limit(limit);
    return {
      items: rows.map(row => ({
        resourceArn: row.resource_arn,
        accountId: row.account_id,
        principalArn: row.principal_arn,
        principalName: row.principal_name,
        principalType: row.principal_type,
        accessLevel: row.access_level,
        path: { kind: row.path_kind, via: parseJson(row.path_via, []) },
        conditional: toBool(row.conditional),
        actionCount: row.action_count,
        sampleActions: parseJson(row.sample_actions, []),
        conditions: parseJson(row.conditions, undefined),
      })),
      totalCount: Number(count),
      offset,
      limit,
    };
  }

  async inventoryTags(arn: string) {
    const row = await this.db('inventory').where({ arn }).first('tags');
    return row ? parseJson<Record<string, string>>(row.tags, {}) : undefined;
  }

  async inventoryPage(cursor: string | undefined, limit: number) {
    const query = this.db('inventory').select('*').orderBy('arn').limit(limit + 1);
    if (cursor) query.where('arn', '>', cursor);
    const rows = await query;
    const page = rows.slice(0, limit);
    return {
      items: page.map(
        (row): CloudInventoryItem => ({
          arn: row.arn,
          type: row.type,
          name: row.name,
          accountId: row.account_id,
          region: row.region ?? undefined,
          category: row.category,
          tags: parseJson(row.tags, {}),
          dependsOn: parseJson(row.depends_on, []),
          source: parseJson(row.source, { file: '' }),
          planned: toBool(row.planned),
        }),
      ),
      nextCursor: rows.length > limit ? page[page.length - 1].arn : undefined,
    };
  }
}

function fingerprintOf(rows: { id: string; content_sha256: string }[]): string {
  return sourceFingerprint(rows.map(row => ({ id: row.id, contentSha256: row.content_sha256 })));
}

/** Rows given as objects with the same keys, COPY'd on PostgreSQL. */
async function copyObjects(tx: Knex.Transaction, table: string, rows: Record<string, CopyValue>[]) {
  const columns = Object.keys(rows[0]);
  await copyRows(tx, table, columns, rows.map(row => columns.map(column => row[column])));
}

/** Appends rows: COPY on PostgreSQL, multi-row inserts on SQLite. */
async function insertRows(tx: Knex.Transaction, table: string, rows: Record<string, CopyValue>[]) {
  if (rows.length === 0) return;
  if (isPostgres(tx)) {
    await copyObjects(tx, table, rows);
    return;
  }
  for (const chunk of chunks(rows, chunkSize(Object.keys(rows[0]).length))) {
    await tx(table).insert(chunk);
  }
}

const ROLE_MAPPING_COLUMNS = [
  'resource_arn', 'account_id', 'principal_arn', 'principal_name', 'principal_type', 'access_level',
  'path_kind', 'path_via', 'conditional', 'action_count', 'sample_actions', 'conditions',
];

function* roleMappingValues(mappings: RoleMappingEntry[]): Generator<CopyValue[]> {
  for (const m of mappings) {
    yield [
      m.resourceArn, m.accountId, m.principalArn, m.principalName, m.principalType, m.accessLevel,
      m.path.kind, JSON.stringify(m.path.via), m.conditional, m.actionCount,
      JSON.stringify(m.sampleActions), m.conditions?.length ? JSON.stringify(m.conditions) : null,
    ];
  }
}

/**
 * Replaces every role mapping. They run to millions of rows, so on
 * PostgreSQL they are copied into a fresh table, indexed once, and swapped in
 * for the old one: far faster than deleting and inserting into an indexed
 * table, and readers keep the old rows until the commit.
 */
async function replaceRoleMappings(tx: Knex.Transaction, mappings: RoleMappingEntry[]) {
  if (!isPostgres(tx)) {
    await tx('role_mappings').delete();
    const rows = [...roleMappingValues(mappings)].map(values =>
      Object.fromEntries(ROLE_MAPPING_COLUMNS.map((column, i) => [column, values[i]])),
    );
    await insertRows(tx, 'role_mappings', rows);
    return;
  }
  const [{ sequence }] = (await tx.raw("select pg_get_serial_sequence('role_mappings', 'id') as sequence")).rows;
  await tx.raw('create table role_mappings_next (like role_mappings including defaults including comments)');
  await copyRows(tx, 'role_mappings_next', ROLE_MAPPING_COLUMNS, roleMappingValues(mappings));
  await tx.raw('alter table role_mappings_next add constraint role_mappings_next_pkey primary key (id)');
  await tx.raw('create index role_mappings_next_resource_idx on role_mappings_next (resource_arn, principal_name)');
  // The id sequence belongs to the old table and would be dropped with it.
  await tx.raw(`alter sequence ${sequence} owned by role_mappings_next.id`);
  await tx.raw('drop table role_mappings');
  await tx.raw('alter table role_mappings_next rename to role_mappings');
  await tx.raw('alter table role_mappings rename constraint role_mappings_next_pkey to role_mappings_pkey');
  await tx.raw('alter index role_mappings_next_resource_idx rename to role_mappings_resource_idx');
  await tx.raw("comment on table role_mappings is 'Who holds which access level on which resource, latest snapshot'");
  // The new table has no statistics until autovacuum gets to it.
  await tx.raw('analyze role_mappings');
}

function inventoryRow(item: CloudInventoryItem) {
  return {
    arn: item.arn,
    type: item.type,
    name: item.name,
    account_id: item.accountId,
    region: item.region ?? null,
    category: item.category,
    tags: JSON.stringify(item.tags),
    depends_on: JSON.stringify(item.dependsOn),
    source: JSON.stringify(item.source),
    planned: item.planned,
  };
}

function findingRow(finding: FindingRecord, at: Date) {
  return {
    id: finding.id,
    rule: finding.rule,
    method: finding.method ?? null,
    severity: finding.severity,
    severity_rank: SEVERITIES.indexOf(finding.severity),
    title: finding.title,
    principal_arn: finding.principal?.arn ?? null,
    principal_name: finding.principal?.name ?? null,
    principal_type: finding.principal?.type ?? null,
    human: finding.human ?? null,
    resources: JSON.stringify(finding.resources),
    evidence: JSON.stringify(finding.evidence),
    remediation: finding.remediation,
    conditional: finding.conditional,
    owner: finding.owner ?? null,
    environment: finding.environment ?? null,
    search_text: [finding.title, finding.method, finding.principal?.arn, finding.human, ...finding.resources]
      .filter(Boolean)
      .join(' ')
      .toLowerCase(),
    first_seen_at: at,
    last_seen_at: at,
    resolved_at: null,
  };
}
