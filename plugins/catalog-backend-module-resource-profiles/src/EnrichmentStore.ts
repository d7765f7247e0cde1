import { CacheService } from '@backstage/backend-plugin-api';
import { EnrichmentRecord } from './catalogView';

const CACHE_KEY = 'resource-profiles:enrichment:v1';
/** Long enough to outlive a backend outage: stale enrichment beats none. */
const CACHE_TTL = { days: 7 };
/** How long a replica reuses its in-process copy before re-reading the cache. */
const DEFAULT_RELOAD_AFTER_MS = 30_000;

type Records = Record<string, EnrichmentRecord>;
type CacheValue = Parameters<CacheService['set']>[1];

/** @public */
export interface EnrichmentStoreOptions {
  /**
   * Shared between replicas when the backend's cache is (Redis, Memcache,
   * Valkey): the replica that runs the provider's task writes, every
   * replica's processor reads. Without it the copy is in-process only.
   */
  cache?: CacheService;
  reloadAfterMs?: number;
  now?: () => number;
}

const sameRecord = (
  a: EnrichmentRecord | undefined,
  b: EnrichmentRecord | undefined,
) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The cached copy of the inventory that the enrichment processor reads: one
 * record per ARN of a hand-written entity. The provider's task replaces it
 * after each successful read; the processor never calls the backend.
 *
 * @public
 */
export class EnrichmentStore {
  private readonly reloadAfterMs: number;
  private readonly now: () => number;
  private memo: { records: Records; loadedAt: number } | undefined;
  private loading: Promise<Records | undefined> | undefined;

  constructor(private readonly options: EnrichmentStoreOptions = {}) {
    this.reloadAfterMs = options.reloadAfterMs ?? DEFAULT_RELOAD_AFTER_MS;
    this.now = options.now ?? Date.now;
  }

  /** Replaces every record; returns the ARNs whose record was added, changed or removed. */
  async replace(records: Records): Promise<string[]> {
    const previous =
      (await this.readCache().catch(() => undefined)) ??
      this.memo?.records ??
      {};
    const changed = new Set<string>();
    for (const arn of new Set([
      ...Object.keys(previous),
      ...Object.keys(records),
    ])) {
      if (!sameRecord(previous[arn], records[arn])) changed.add(arn);
    }
    this.memo = { records, loadedAt: this.now() };
    await this.options.cache?.set(CACHE_KEY, records as unknown as CacheValue, {
      ttl: CACHE_TTL,
    });
    return [...changed];
  }

  async get(arn: string): Promise<EnrichmentRecord | undefined> {
    const records = await this.current();
    return records && Object.hasOwn(records, arn) ? records[arn] : undefined;
  }

  private async current(): Promise<Records | undefined> {
    const memo = this.memo;
    if (!this.options.cache) return memo?.records;
    if (memo && this.now() - memo.loadedAt < this.reloadAfterMs) {
      return memo.records;
    }
    if (!this.loading) {
      this.loading = this.readCache()
        .then(records => {
          if (records) this.memo = { records, loadedAt: this.now() };
          return records ?? memo?.records;
        })
        // An unreachable cache leaves the last copy in use.
        .catch(() => memo?.records)
        .finally(() => {
          this.loading = undefined;
        });
    }
    return this.loading;
  }

  private async readCache(): Promise<Records | undefined> {
    const value = await this.options.cache?.get(CACHE_KEY);
    return value as unknown as Records | undefined;
  }
}
