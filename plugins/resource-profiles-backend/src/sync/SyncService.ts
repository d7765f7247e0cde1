import {
  AuthService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { analyze, ParsedInput } from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { createHash } from 'crypto';
import { promisify } from 'util';
import { gzip } from 'zlib';
import { AuditLog } from '../audit/AuditLog';
import { SnapshotStore } from '../database/SnapshotStore';
import { TagKeys } from '../profiles/profileConfig';
import { parseSourceDocuments } from '../sources/parseSourceDocuments';
import { IamClientFactory, readAwsIam } from '../sources/readAwsIam';
import { readSourceDocuments } from '../sources/readSourceDocuments';
import { SourceConfig, sourceTarget } from '../sources/sourceConfig';
import { AnalysisConfig } from './analysisConfig';
import { buildSnapshot } from './buildSnapshot';
import { readCatalogLinks } from './catalogLinks';
import { loadModel } from './loadModel';

const gzipAsync = promisify(gzip);

/** Re-analyses at most this often in one run when inputs keep changing underneath it. */
const MAX_ANALYSIS_ROUNDS = 3;

export type SourceOutcome = { id: string; ok: true } | { id: string; ok: false; error: string };

/**
 * Ingests sources and analyses them. Ingestion reads, validates and parses
 * one source and stores it as that source's last good input; a failure is
 * recorded and the previous input stays. Analysis merges every source's last
 * good input, runs the engine and commits one snapshot in one transaction.
 */
export class SyncService {
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
      audit?: AuditLog;
      now?: () => Date;
    },
  ) {}

  async ingestSource(id: string): Promise<SourceOutcome> {
    const { store, logger } = this.deps;
    const source = this.deps.sources.find(s => s.id === id);
    if (!source) throw new NotFoundError(`No source ${id}`);
    const started = this.now();
    const identity = { id: source.id, kind: source.kind, target: sourceTarget(source) };
    await store.markSourceRunning(identity, started);
    try {
      const documents =
        source.kind === 'aws-iam'
          ? await readAwsIam(source, this.deps.iamClientFactory)
          : await readSourceDocuments(source, this.deps.reader);
      const inputs = parseSourceDocuments(source.kind, documents, source.maxBytes);
      const hash = createHash('sha256');
      for (const document of documents) hash.update(document.name).update(document.text);
      const count = (pick: (input: ParsedInput) => unknown[]) =>
        inputs.reduce((n, input) => n + pick(input).length, 0);
      await store.saveSourceInput(
        {
          ...identity,
          durationMs: this.now().getTime() - started.getTime(),
          counts: {
            principals: count(input => input.principals),
            policies: count(input => input.policies),
            resources: count(input => input.resources),
          },
          contentSha256: hash.digest('hex'),
          input: await gzipAsync(JSON.stringify(inputs)),
        },
        this.now(),
      );
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

  /**
   * Analyses the last good inputs of all configured sources and commits a
   * snapshot; runs again if a source changed while it worked.
   */
  async analyze(): Promise<number | undefined> {
    const { store, logger } = this.deps;
    const ids = this.deps.sources.map(s => s.id);
    let snapshotId: number | undefined;
    for (let round = 0; round < MAX_ANALYSIS_ROUNDS; round++) {
      const loaded = await loadModel(store, ids);
      if (!loaded) return snapshotId;
      const at = this.now();
      const links = await readCatalogLinks(this.deps.catalog, this.deps.auth);
      const result = analyze(loaded.model, {
        rules: this.deps.analysis.rules,
        humans: links.humans,
        now: at,
      });
      snapshotId = await store.commitSnapshot(
        buildSnapshot(result, {
          links,
          tagKeys: this.deps.tagKeys,
          accountEnvironments: this.deps.analysis.accountEnvironments,
        }),
        at,
      );
      await this.deps.audit?.append({
        actor: 'system',
        action: 'sync.snapshot',
        subject: `snapshot:${snapshotId}`,
        details: { sources: loaded.fingerprint, ...result.stats },
      });
      logger.info(
        `Snapshot ${snapshotId}: ${result.stats.principals} principals, ${result.stats.resources} resources, ` +
          `${result.stats.roleMappings} role mappings, ${result.stats.findings} findings from ${loaded.inputCount} inputs`,
      );
      if ((await store.getSourceFingerprint(ids)) === loaded.fingerprint) break;
    }
    return snapshotId;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
