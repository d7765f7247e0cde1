import {
  AuthService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { accountGuardrails, analyze, ParsedInput } from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { createHash } from 'crypto';
import { promisify } from 'util';
import { gzip } from 'zlib';
import { AuditLog } from '../audit/AuditLog';
import { SnapshotStore, SourceSuccess } from '../database/SnapshotStore';
import { TagKeys } from '../profiles/profileConfig';
import { parseSourceDocuments } from '../sources/parseSourceDocuments';
import { IamClientFactory, readAwsIam } from '../sources/readAwsIam';
import { OrganizationsClientFactory, readAwsOrganizations } from '../sources/readAwsOrganizations';
import { readAwsResourcePolicies, ResourcePoliciesClientFactory } from '../sources/readAwsResourcePolicies';
import { readAwsS3, S3ClientFactory } from '../sources/readAwsS3';
import { readSourceDocuments, SourceDocument } from '../sources/readSourceDocuments';
import { SourceConfig, sourceTarget } from '../sources/sourceConfig';
import { AnalysisConfig } from './analysisConfig';
import { buildSnapshot } from './buildSnapshot';
import { readCatalogLinks } from './catalogLinks';
import { FreshInput, loadModel } from './loadModel';

const gzipAsync = promisify(gzip);

/** Analyses at most this often in one run when other sources' inputs keep changing underneath it. */
const MAX_ANALYSIS_ROUNDS = 3;

/** A synced source's record, but for how long its run took. */
type SyncedSource = Omit<SourceSuccess, 'durationMs'>;

export type SourceOutcome = { id: string; ok: true } | { id: string; ok: false; error: string };

/**
 * Syncs sources into snapshots. A source's sync reads, validates and parses
 * it, analyses it with every other source's last good input, and commits the
 * source's new input and the snapshot in one transaction; a failure at any
 * step is recorded and the previous input and snapshot stay.
 */
export class SyncService {
  /** Analyses in this process run one at a time; replicas are kept apart by the commit's check. */
  private analyses: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      sources: SourceConfig[];
      store: SnapshotStore;
      reader: UrlReaderService;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      analysis: AnalysisConfig;
      tagKeys: TagKeys;
      iamClientFactory?: IamClientFactory;
      organizationsClientFactory?: OrganizationsClientFactory;
      s3ClientFactory?: S3ClientFactory;
      resourcePoliciesClientFactory?: ResourcePoliciesClientFactory;
      audit?: AuditLog;
      now?: () => Date;
    },
  ) {}

  async syncSource(id: string): Promise<SourceOutcome> {
    const { store, logger } = this.deps;
    const source = this.deps.sources.find(s => s.id === id);
    if (!source) throw new NotFoundError(`No source ${id}`);
    const started = this.now();
    const identity = { id: source.id, kind: source.kind, target: sourceTarget(source) };
    await store.markSourceRunning(identity, started);
    try {
      const documents = await this.readDocuments(source);
      const inputs = parseSourceDocuments(source, documents);
      const hash = createHash('sha256');
      for (const document of documents) hash.update(document.name).update(document.text);
      const contentSha256 = hash.digest('hex');
      const count = (pick: (input: ParsedInput) => unknown[]) =>
        inputs.reduce((n, input) => n + pick(input).length, 0);
      const input = await gzipAsync(JSON.stringify(inputs), { level: 1 });
      await this.analyzeAndCommit({ id, contentSha256, inputs }, {
        ...identity,
        counts: {
          principals: count(i => i.principals),
          // Service control policies count as policies: an organization source has nothing else.
          policies: count(i => [...i.policies, ...(i.serviceControlPolicies ?? []), ...(i.resourceControlPolicies ?? [])]),
          resources: count(i => i.resources),
        },
        contentSha256,
        input,
      }, started);
      return { id, ok: true };
    } catch (error) {
      const message = (error as Error).message;
      logger.warn(`Sync of source ${source.id} failed, keeping its last good data: ${message}`);
      await store.recordSourceFailure(
        { ...identity, durationMs: this.now().getTime() - started.getTime(), error: message },
        this.now(),
      );
      await this.deps.audit?.append({ actor: 'system', action: 'sync.failed', subject: `source:${source.id}`, details: { error: message } });
      return { id, ok: false, error: message };
    }
  }

  /** Live AWS sources through the SDK, the others from their path or URL. */
  private readDocuments(source: SourceConfig): Promise<SourceDocument[]> {
    if (source.kind === 'aws-iam') return readAwsIam(source, this.deps.iamClientFactory);
    if (source.kind === 'aws-organizations' && source.accounts) {
      return readAwsOrganizations(source, this.deps.organizationsClientFactory);
    }
    if (source.kind === 'aws-s3' && source.accounts) return readAwsS3(source, this.deps.s3ClientFactory);
    if (source.kind === 'aws-resource-policies' && source.accounts) {
      return readAwsResourcePolicies(source, this.deps.resourcePoliciesClientFactory);
    }
    return readSourceDocuments(source, this.deps.reader);
  }

  /**
   * Re-analyses the last good inputs of all configured sources and commits a
   * snapshot, so that time-based rules move on without new input.
   */
  async analyze(): Promise<number | undefined> {
    return this.analyzeAndCommit();
  }

  /**
   * Analyses the sources' inputs (with `fresh` in place of its source's) and
   * commits the snapshot; runs again if another source's input changed in
   * the meantime.
   */
  private analyzeAndCommit(fresh?: FreshInput, synced?: SyncedSource, started?: Date): Promise<number | undefined> {
    const run = this.analyses.then(() => this.analyzeRounds(fresh, synced, started));
    this.analyses = run.catch(() => undefined);
    return run;
  }

  private async analyzeRounds(fresh?: FreshInput, synced?: SyncedSource, started?: Date): Promise<number | undefined> {
    const { store, logger } = this.deps;
    const ids = this.deps.sources.map(s => s.id);
    for (let round = 0; round < MAX_ANALYSIS_ROUNDS; round++) {
      const loadStarted = Date.now();
      const loaded = await loadModel(store, ids, fresh);
      if (!loaded) return undefined;
      const at = this.now();
      const analysisStarted = Date.now();
      const links = await readCatalogLinks(this.deps.catalog, this.deps.auth);
      const result = analyze(loaded.model, {
        rules: this.deps.analysis.rules,
        humans: links.humans,
        now: at,
      });
      const snapshot = {
        ...buildSnapshot(result, {
          links,
          tagKeys: this.deps.tagKeys,
          accountEnvironments: this.deps.analysis.accountEnvironments,
        }),
        guardrails: accountGuardrails(loaded.model),
      };
      // Reading, parsing and analysis; the record is written by the commit itself.
      const source: SourceSuccess | undefined = synced && {
        ...synced,
        durationMs: this.now().getTime() - (started ?? at).getTime(),
      };
      const storeStarted = Date.now();
      const snapshotId = await store.commitSnapshot(snapshot, at, {
        sourceIds: ids,
        fingerprint: loaded.fingerprint,
        source,
      });
      if (snapshotId === undefined) continue;
      const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)} s`;
      const stored = Date.now();
      await this.deps.audit?.append({
        actor: 'system',
        action: 'sync.snapshot',
        subject: `snapshot:${snapshotId}`,
        details: { sources: loaded.fingerprint, ...result.stats },
      });
      logger.info(
        `Snapshot ${snapshotId}: ${result.stats.principals} principals, ${result.stats.resources} resources, ` +
          `${result.stats.roleMappings} role mappings, ${result.stats.findings} findings from ${loaded.inputCount} inputs ` +
          `(loading ${seconds(loadStarted, analysisStarted)}, analysis ${seconds(analysisStarted, storeStarted)}, storing ${seconds(storeStarted, stored)})`,
      );
      return snapshotId;
    }
    throw new ConflictError(`Sources changed during each of ${MAX_ANALYSIS_ROUNDS} analyses; will retry on the next run`);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
