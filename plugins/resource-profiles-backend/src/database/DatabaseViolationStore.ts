import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  DashboardAggregates,
  Page,
  RiskAcceptance,
  SEVERITIES,
  Severity,
  Violation,
  ViolationQuery,
  ViolationStatus,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { ViolationFilter } from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { Knex } from 'knex';
import { isPostgres, likePattern, parseJson, toBool, toIso } from './rows';
import { ViolationScope, ViolationStore } from './ViolationStore';

const DEFAULT_PAGE = 25;

/** Entity refs never contain a newline. */
const ENTITY_REF_SEPARATOR = '\n';

const ORDER_COLUMNS = {
  severity: 'severity_rank',
  rule: 'rule',
  owner: 'owner',
  firstSeenAt: 'first_seen_at',
  lastSeenAt: 'last_seen_at',
} as const;

type CountGroup = { severity: string; rule: string; owner: string | null; count: string | number };

interface SnapshotCounts {
  /** Unresolved findings in the latest snapshot, by severity, rule and owner. */
  latest?: CountGroup[];
  trend: DashboardAggregates['trend'];
}

/** Distinct dashboard views (scope and filters) whose snapshot counts are kept. */
const COUNTS_CACHE_SIZE = 500;

function emptyBySeverity(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map(s => [s, 0])) as Record<Severity, number>;
}

/** Adds a permission criteria tree as a where clause on columns named like the filters. */
export function whereCriteria(
  query: Knex.QueryBuilder,
  criteria: PermissionCriteria<ViolationFilter>,
): Knex.QueryBuilder {
  if ('allOf' in criteria) {
    return query.where(q => {
      for (const c of criteria.allOf) q.andWhere(inner => whereCriteria(inner, c));
    });
  }
  if ('anyOf' in criteria) {
    return query.where(q => {
      for (const c of criteria.anyOf) q.orWhere(inner => whereCriteria(inner, c));
    });
  }
  if ('not' in criteria) {
    return query.whereNot(q => whereCriteria(q, criteria.not));
  }
  return query.whereIn(criteria.column, criteria.values);
}

/**
 * The caller's scope and the filters on columns that findings and the
 * snapshot counts share (severity, rule, owner, environment).
 */
function whereColumns(q: Knex.QueryBuilder, query: ViolationQuery, scope: ViolationScope): Knex.QueryBuilder {
  if (scope) whereCriteria(q, scope);
  if (query.severity?.length) q.whereIn('severity', query.severity);
  if (query.rule?.length) q.whereIn('rule', query.rule);
  if (query.owner?.length) q.whereIn('owner', query.owner);
  if (query.environment?.length) q.whereIn('environment', query.environment);
  return q;
}

/** A {@link ViolationStore} on the plugin's knex database. */
export class DatabaseViolationStore implements ViolationStore {
  /** The knex client must already be migrated. */
  static create(options: { client: Knex }): DatabaseViolationStore {
    return new DatabaseViolationStore(options.client);
  }

  private readonly countsCache = new Map<string, SnapshotCounts>();

  private constructor(private readonly db: Knex) {}

  /** Findings matching the filters and the caller's scope, unpaged and unordered. */
  private filtered(query: ViolationQuery, scope: ViolationScope, now: Date): Knex.QueryBuilder {
    const q = whereColumns(this.db('findings'), query, scope);
    if (query.entityRef) {
      q.whereIn(
        'id',
        this.db('finding_entities').select('finding_id').where('entity_ref', query.entityRef.toLowerCase()),
      );
    }
    if (query.text) {
      q.whereRaw("search_text like ? escape '\\'", [likePattern(query.text)]);
    }
    if (query.status?.length) {
      const statuses = new Set<ViolationStatus>(query.status);
      q.where(outer => {
        if (statuses.has('resolved')) outer.orWhereNotNull('resolved_at');
        if (statuses.has('accepted')) {
          outer.orWhere(q2 => q2.whereNull('resolved_at').where('acceptance_expires_at', '>', now));
        }
        if (statuses.has('open')) {
          outer.orWhere(q2 =>
            q2.whereNull('resolved_at').where(q3 =>
              q3.whereNull('acceptance_expires_at').orWhere('acceptance_expires_at', '<=', now),
            ),
          );
        }
      });
    }
    return q;
  }

  async queryViolations(query: ViolationQuery, scope: ViolationScope, now: Date): Promise<Page<Violation>> {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? DEFAULT_PAGE;
    const base = this.filtered(query, scope, now);
    const orderBy = query.orderBy ?? 'severity';
    const column = ORDER_COLUMNS[orderBy];
    let sqlDirection = query.order ?? (orderBy === 'severity' ? 'desc' : 'asc');
    if (orderBy === 'severity') {
      // A rank of 0 is the most severe, so "severity desc" sorts ranks ascending.
      sqlDirection = sqlDirection === 'desc' ? 'asc' : 'desc';
    }
    // An entity has few violations, so one query both pages and counts them;
    // over a whole team's or the organisation's, a windowed count would
    // materialise every match, and a separate count reads only the index.
    const windowed = query.entityRef !== undefined;
    const page = this.withEntityRefs(base.clone())
      .select('findings.*')
      .orderBy([
        { column, order: sqlDirection },
        { column: 'last_seen_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .offset(offset)
      .limit(limit);
    if (windowed) page.select(this.db.raw('count(*) over () as total_count'));
    const [rows, counted] = await Promise.all([
      page,
      windowed ? undefined : base.clone().count({ count: '*' }),
    ]);
    let totalCount: number;
    if (counted) totalCount = Number(counted[0].count);
    else if (rows.length > 0) totalCount = Number(rows[0].total_count);
    else if (offset === 0) totalCount = 0;
    // Paged past the end: the window had no row to carry the count.
    else totalCount = Number((await base.clone().count({ count: '*' }))[0].count);
    return { items: this.toViolations(rows, now), totalCount, offset, limit };
  }

  async aggregate(
    query: ViolationQuery,
    scope: ViolationScope,
    now: Date,
    trendSnapshots: number,
  ): Promise<DashboardAggregates> {
    const latest = await this.db('snapshots').max({ id: 'id' }).first();
    const latestId = latest?.id === null || latest?.id === undefined ? undefined : Number(latest.id);
    const counted = await this.snapshotCounts(query, scope, latestId, trendSnapshots);
    // One grouped scan, rolled up here, instead of a query per dimension.
    const groups =
      (await this.openCountsFromSnapshot(query, scope, now, counted.latest)) ??
      ((await this.filtered(query, scope, now)
        .select('severity', 'rule', 'owner')
        .count({ count: '*' })
        .groupBy('severity', 'rule', 'owner')) as CountGroup[]);
    const bySeverity = emptyBySeverity();
    const byRule = new Map<string, number>();
    const byOwner = new Map<string | null, number>();
    let total = 0;
    for (const group of groups) {
      const count = Number(group.count);
      total += count;
      bySeverity[group.severity as Severity] += count;
      byRule.set(group.rule, (byRule.get(group.rule) ?? 0) + count);
      byOwner.set(group.owner ?? null, (byOwner.get(group.owner ?? null) ?? 0) + count);
    }
    const descending = <K>(map: Map<K, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]);

    return {
      total,
      bySeverity,
      byRule: descending(byRule).map(([rule, count]) => ({ rule, count })),
      byOwner: descending(byOwner)
        .slice(0, 50)
        .map(([owner, count]) => ({ owner, count })),
      trend: counted.trend,
    };
  }

  /**
   * What the dashboard reads from snapshots: the latest snapshot's counts of
   * unresolved findings and the trend. Snapshots are append-only, so this is
   * cached per latest snapshot, scope and filters; callers must not modify it.
   */
  private async snapshotCounts(
    query: ViolationQuery,
    scope: ViolationScope,
    latestId: number | undefined,
    trendSnapshots: number,
  ): Promise<SnapshotCounts> {
    if (latestId === undefined) return { trend: [] };
    const key = JSON.stringify([
      latestId, trendSnapshots, scope ?? null, query.severity, query.rule, query.owner, query.environment,
    ]);
    const cached = this.countsCache.get(key);
    if (cached) {
      // Re-inserted, so the map's order is least recently used first.
      this.countsCache.delete(key);
      this.countsCache.set(key, cached);
      return cached;
    }
    const snapshots = await this.db('snapshots')
      .select('id', 'created_at')
      .where('id', '<=', latestId)
      .orderBy('id', 'desc')
      .limit(trendSnapshots);
    const trend = snapshots.reverse().map(s => ({
      snapshotId: Number(s.id),
      createdAt: toIso(s.created_at)!,
      total: 0,
      bySeverity: emptyBySeverity(),
    }));
    // Unresolved findings per snapshot; status, entity and text filters have
    // no meaning for past snapshots.
    const [latestGroups, trendRows] = await Promise.all([
      whereColumns(this.db('snapshot_counts').where('snapshot_id', latestId), query, scope)
        .select('severity', 'rule', 'owner')
        .groupBy('severity', 'rule', 'owner')
        .sum({ count: 'count' }) as Promise<CountGroup[]>,
      whereColumns(this.db('snapshot_counts').whereIn('snapshot_id', trend.map(t => t.snapshotId)), query, scope)
        .select('snapshot_id', 'severity')
        .sum({ count: 'count' })
        .groupBy('snapshot_id', 'severity') as Promise<{ snapshot_id: number; severity: string; count: string | number }[]>,
    ]);
    const byId = new Map(trend.map(t => [t.snapshotId, t]));
    for (const row of trendRows) {
      const point = byId.get(Number(row.snapshot_id))!;
      point.bySeverity[row.severity as Severity] = Number(row.count);
      point.total += Number(row.count);
    }
    const counts: SnapshotCounts = {
      latest: latestGroups.map(g => ({ ...g, count: Number(g.count) })),
      trend,
    };
    this.countsCache.set(key, counts);
    if (this.countsCache.size > COUNTS_CACHE_SIZE) {
      this.countsCache.delete(this.countsCache.keys().next().value!);
    }
    return counts;
  }

  /**
   * Open-violation counts without scanning findings: the latest snapshot's
   * counts of unresolved findings, minus those whose risk is accepted now.
   * Exact, because findings resolve only at snapshots. Only for queries whose
   * filters are columns of the counts table.
   */
  private async openCountsFromSnapshot(
    query: ViolationQuery,
    scope: ViolationScope,
    now: Date,
    unresolved: CountGroup[] | undefined,
  ): Promise<CountGroup[] | undefined> {
    const onlyOpen = query.status?.length === 1 && query.status[0] === 'open';
    if (!onlyOpen || query.entityRef || query.text || !unresolved) return undefined;
    const accepted = whereColumns(
      this.db('findings').whereNull('resolved_at').where('acceptance_expires_at', '>', now),
      query,
      scope,
    );
    const acceptedGroups = (await accepted
      .select('severity', 'rule', 'owner')
      .groupBy('severity', 'rule', 'owner')
      .count({ count: '*' })) as CountGroup[];
    const key = (g: CountGroup) => `${g.severity}\u0000${g.rule}\u0000${g.owner ?? ''}`;
    const minus = new Map(acceptedGroups.map(g => [key(g), Number(g.count)]));
    return unresolved
      .map(g => ({ ...g, count: Number(g.count) - (minus.get(key(g)) ?? 0) }))
      .filter(g => g.count > 0);
  }

  async getViolation(id: string, now: Date): Promise<Violation | undefined> {
    const row = await this.withEntityRefs(this.db('findings').where({ id })).select('findings.*').first();
    return row ? this.toViolations([row], now)[0] : undefined;
  }

  async setAcceptance(id: string, acceptance: RiskAcceptance | undefined): Promise<void> {
    await this.db('findings').where({ id }).update({
      accepted_by: acceptance?.acceptedBy ?? null,
      accepted_at: acceptance ? new Date(acceptance.acceptedAt) : null,
      acceptance_justification: acceptance?.justification ?? null,
      acceptance_expires_at: acceptance ? new Date(acceptance.expiresAt) : null,
    });
  }

  /** Adds each finding's linked entity refs as one newline-separated column, `entity_refs`. */
  private withEntityRefs(query: Knex.QueryBuilder): Knex.QueryBuilder {
    const aggregate = isPostgres(this.db) ? 'string_agg' : 'group_concat';
    return query.select(
      this.db.raw(
        `(select ${aggregate}(fe.entity_ref, ?) from finding_entities fe where fe.finding_id = findings.id) as entity_refs`,
        [ENTITY_REF_SEPARATOR],
      ),
    );
  }

  private toViolations(rows: any[], now: Date): Violation[] {
    return rows.map(row => {
      const expiresAt = toIso(row.acceptance_expires_at);
      const accepted = expiresAt !== undefined && Date.parse(expiresAt) > now.getTime();
      let status: ViolationStatus = accepted ? 'accepted' : 'open';
      if (row.resolved_at) status = 'resolved';
      return {
        id: row.id,
        rule: row.rule,
        method: row.method ?? undefined,
        severity: row.severity,
        title: row.title,
        principal: row.principal_arn
          ? { arn: row.principal_arn, name: row.principal_name, type: row.principal_type }
          : undefined,
        human: row.human ?? undefined,
        resources: parseJson(row.resources, []),
        entityRefs: row.entity_refs ? String(row.entity_refs).split(ENTITY_REF_SEPARATOR).sort() : [],
        owner: row.owner ?? undefined,
        environment: row.environment ?? undefined,
        evidence: parseJson(row.evidence, {}),
        remediation: row.remediation,
        conditional: toBool(row.conditional),
        status,
        firstSeenAt: toIso(row.first_seen_at)!,
        lastSeenAt: toIso(row.last_seen_at)!,
        resolvedAt: toIso(row.resolved_at),
        acceptance:
          expiresAt && row.accepted_by
            ? {
                justification: row.acceptance_justification,
                expiresAt,
                acceptedBy: row.accepted_by,
                acceptedAt: toIso(row.accepted_at)!,
              }
            : undefined,
      };
    });
  }
}
