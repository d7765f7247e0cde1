import {
  AccountGuardrails,
  CloudInventoryItem,
  EntityGuardrails,
  Page,
  RoleMappingEntry,
  RoleMappingQuery,
  Severity,
  SourceStatus,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';

/** A finding as stored: the engine's finding plus where it belongs in the catalog. */
export interface FindingRecord {
  id: string;
  rule: string;
  method?: string;
  severity: Severity;
  title: string;
  principal?: { arn: string; name: string; type: 'user' | 'group' | 'role' };
  human?: string;
  resources: string[];
  evidence: Record<string, unknown>;
  remediation: string;
  conditional: boolean;
  owner?: string;
  environment?: string;
  entityRefs: string[];
}

export interface SourceIdentity {
  id: string;
  kind: string;
  target: string;
}

export interface SourceSuccess extends SourceIdentity {
  durationMs: number;
  counts: { principals: number; policies: number; resources: number };
  contentSha256: string;
  /** gzip of the parsed inputs. */
  input: Buffer;
}

export interface SnapshotWrite {
  stats: Record<string, number>;
  inventory: CloudInventoryItem[];
  roleMappings: RoleMappingEntry[];
  findings: FindingRecord[];
  /** The SCPs over each account the analysis knew of (see accountGuardrails). */
  guardrails?: AccountGuardrails[];
}

/**
 * `id:sha256` of each source's input in id order (code-point order, whatever
 * the database's collation): identifies the inputs an analysis read.
 */
export function sourceFingerprint(inputs: { id: string; contentSha256: string }[]): string {
  return [...inputs]
    .sort((a, b) => (a.id < b.id ? -1 : Number(a.id > b.id)))
    .map(input => `${input.id}:${input.contentSha256}`)
    .join(',');
}

/** What a snapshot was analysed from. */
export interface SnapshotBasis {
  /** The configured sources. */
  sourceIds: string[];
  /** {@link sourceFingerprint} of the inputs analysed, `source` included. */
  fingerprint: string;
  /** The source whose new input the snapshot includes; stored with it. */
  source?: SourceSuccess;
}

/** Sources, their last good inputs, and the snapshots analysis writes. */
export interface SnapshotStore {
  markSourceRunning(source: SourceIdentity, at: Date): Promise<void>;
  /** Records a failed run; the source's last good input stays. */
  recordSourceFailure(
    source: SourceIdentity & { durationMs: number; error: string },
    at: Date,
  ): Promise<void>;
  /** The last good inputs of the given sources (gzip of parsed inputs) and their content hashes, in id order. */
  getSourceInputs(sourceIds: string[]): Promise<{ id: string; contentSha256: string; input: Buffer }[]>;
  /**
   * `id:sha256` of the given sources' last good inputs, in id order, to tell
   * whether an analysis is stale.
   */
  getSourceFingerprint(sourceIds: string[]): Promise<string>;
  listSources(): Promise<SourceStatus[]>;
  /**
   * Stores a snapshot in one transaction, together with the new input of the
   * source whose sync produced it. Findings keep their first-seen time;
   * findings not seen again are marked resolved. Returns undefined, and
   * stores nothing, when the sources' inputs no longer match the basis the
   * snapshot was analysed from.
   */
  commitSnapshot(snapshot: SnapshotWrite, at: Date, basis: SnapshotBasis): Promise<number | undefined>;
  /** The latest snapshot's guardrails over the account a resource (by ARN) lives in. */
  guardrailsOf(arn: string | undefined): Promise<EntityGuardrails>;
  latestSnapshot(): Promise<{ id: number; createdAt: string; stats: Record<string, number> } | undefined>;
  queryRoleMappings(resourceArn: string, query: RoleMappingQuery): Promise<Page<RoleMappingEntry>>;
  /** Tags of one cloud resource or principal in the latest snapshot. */
  inventoryTags(arn: string): Promise<Record<string, string> | undefined>;
  /** Inventory page by ARN order; cursor is the last ARN of the previous page. */
  inventoryPage(cursor: string | undefined, limit: number): Promise<{ items: CloudInventoryItem[]; nextCursor?: string }>;
}
