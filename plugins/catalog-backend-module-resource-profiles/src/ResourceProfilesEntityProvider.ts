import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  CatalogService,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { ANNOTATION_ARN } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { buildCatalogView, CatalogView } from './catalogView';
import { CatalogModuleConfig, readCatalogModuleConfig } from './config';
import {
  isProvidedEntity,
  PROVIDER_LOCATION_KEY,
  PROVIDER_NAME,
  refreshKeyForArn,
} from './constants';
import { EnrichmentStore } from './EnrichmentStore';
import { Inventory, InventoryClient } from './inventoryClient';

/** @public */
export interface ResourceProfilesEntityProviderOptions {
  logger: LoggerService;
  /** Reads the whole inventory; throws on any failure. */
  inventory: Pick<InventoryClient, 'readAll'>;
  /** Finds hand-written entities and known owners. */
  catalog: Pick<CatalogService, 'streamEntities'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  /** Where the enrichment of hand-written entities goes for the processor. */
  store: EnrichmentStore;
  config: Omit<CatalogModuleConfig, 'schedule'>;
  /** Runs {@link ResourceProfilesEntityProvider.refresh}; none in tests that call it directly. */
  taskRunner?: SchedulerServiceTaskRunner;
}

/** @public What one refresh did. */
export type ResourceProfilesRefreshResult =
  | { status: 'applied'; snapshotId?: number; counts: CatalogView['counts'] }
  | { status: 'no-snapshot' }
  | { status: 'failed'; error: Error };

/**
 * Provides the cloud resources and IAM principals of the latest analysis
 * snapshot as `Resource` entities, by full mutation, on a global schedule.
 * ARNs that a hand-written entity already names are left to that entity
 * (and enriched by `ResourceProfilesEnrichmentProcessor`). When the inventory
 * or the catalog cannot be read, nothing is applied and the entities of the
 * last good run stay.
 *
 * @public
 */
export class ResourceProfilesEntityProvider implements EntityProvider {
  private connection: EntityProviderConnection | undefined;

  /** Wires the provider to the backend's services and `resourceProfiles` config. */
  static fromConfig(
    config: Config,
    deps: {
      logger: LoggerService;
      discovery: Pick<DiscoveryService, 'getBaseUrl'>;
      auth: Pick<
        AuthService,
        'getOwnServiceCredentials' | 'getPluginRequestToken'
      >;
      scheduler: Pick<SchedulerService, 'createScheduledTaskRunner'>;
      catalog: Pick<CatalogService, 'streamEntities'>;
      store: EnrichmentStore;
      fetch?: typeof fetch;
    },
  ): ResourceProfilesEntityProvider {
    const { schedule, ...moduleConfig } = readCatalogModuleConfig(config);
    return new ResourceProfilesEntityProvider({
      logger: deps.logger,
      inventory: new InventoryClient({
        discovery: deps.discovery,
        auth: deps.auth,
        fetch: deps.fetch,
      }),
      catalog: deps.catalog,
      auth: deps.auth,
      store: deps.store,
      config: moduleConfig,
      taskRunner: deps.scheduler.createScheduledTaskRunner({
        ...schedule,
        scope: 'global',
      }),
    });
  }

  constructor(
    private readonly options: ResourceProfilesEntityProviderOptions,
  ) {}

  getProviderName(): string {
    return PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner?.run({
      id: `${PROVIDER_NAME}-entity-provider:refresh`,
      fn: async () => {
        await this.refresh();
      },
    });
  }

  /**
   * Reads the inventory and the catalog, then applies one full mutation.
   * Never throws: a failure is logged and leaves the catalog untouched.
   */
  async refresh(): Promise<ResourceProfilesRefreshResult> {
    const { logger } = this.options;
    const connection = this.connection;
    if (!connection) {
      throw new Error(`${PROVIDER_NAME} entity provider is not connected yet`);
    }
    let inventory: Inventory;
    let view: CatalogView;
    try {
      inventory = await this.options.inventory.readAll();
      if (inventory.snapshotId === undefined && inventory.items.length === 0) {
        logger.info(
          'No analysis snapshot yet; resource-profiles entities are left as they are',
        );
        return { status: 'no-snapshot' };
      }
      const credentials = await this.options.auth.getOwnServiceCredentials();
      const handWritten = await this.findHandWrittenEntities(credentials);
      const knownOwners = this.options.config.verifyOwners
        ? await this.findKnownOwners(credentials)
        : undefined;
      view = buildCatalogView(inventory.items, {
        ...this.options.config,
        handWritten,
        knownOwners,
      });
      await connection.applyMutation({
        type: 'full',
        entities: view.entities.map(entity => ({
          entity,
          locationKey: PROVIDER_LOCATION_KEY,
        })),
      });
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      logger.error(
        `Resource-profiles entities not refreshed, the previous ones stay: ${failure.message}`,
      );
      return { status: 'failed', error: failure };
    }

    await this.publishEnrichment(connection, view);
    const { counts } = view;
    const collisions = counts.nameCollisions
      ? `; left out ${counts.nameCollisions} items whose names collide`
      : '';
    logger.info(
      [
        `Provided ${counts.provided} resource-profiles entities from snapshot ${inventory.snapshotId}`,
        `(${counts.unownedProvided} without a resolvable owner);`,
        `enriching ${counts.handWritten} hand-written ones;`,
        `skipped ${counts.planned} planned items${collisions}`,
      ].join(' '),
    );
    return { status: 'applied', snapshotId: inventory.snapshotId, counts };
  }

  /** Hands the enrichment to the processor and reprocesses the entities it changes. */
  private async publishEnrichment(
    connection: EntityProviderConnection,
    view: CatalogView,
  ) {
    try {
      const changed = await this.options.store.replace(view.enrichment);
      if (changed.length) {
        await connection.refresh({ keys: changed.map(refreshKeyForArn) });
      }
    } catch (error) {
      this.options.logger.warn(
        `Could not update the enrichment of hand-written resource entities: ${error}`,
      );
    }
  }

  /**
   * ARN → ref of entities from another origin that carry the ARN annotation.
   * When several name one ARN, a Resource wins, then the first ref.
   */
  private async findHandWrittenEntities(
    credentials: BackstageCredentials,
  ): Promise<Map<string, string>> {
    const candidates: Array<{ arn: string; ref: string; resource: boolean }> =
      [];
    const pages = this.options.catalog.streamEntities(
      {
        query: {
          $all: [
            { [`metadata.annotations.${ANNOTATION_ARN}`]: { $exists: true } },
            {
              $not: {
                [`metadata.annotations.${ANNOTATION_LOCATION}`]: {
                  $hasPrefix: `${PROVIDER_NAME}:`,
                },
              },
            },
          ],
        },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
        pageSize: 1000,
      },
      { credentials },
    );
    for await (const page of pages) {
      for (const entity of page) {
        const arn = entity.metadata.annotations?.[ANNOTATION_ARN]?.trim();
        if (!arn || isProvidedEntity(entity.metadata.annotations)) continue;
        candidates.push({
          arn,
          ref: stringifyEntityRef(entity),
          resource: entity.kind.toLocaleLowerCase('en-US') === 'resource',
        });
      }
    }
    candidates.sort(
      (a, b) =>
        Number(b.resource) - Number(a.resource) || a.ref.localeCompare(b.ref),
    );
    const byArn = new Map<string, string>();
    for (const { arn, ref } of candidates) {
      if (!byArn.has(arn)) byArn.set(arn, ref);
    }
    return byArn;
  }

  /**
   * Lower-cased refs of every Group and User. Undefined while the catalog
   * holds no Group (e.g. still ingesting at start-up), so that owners are not
   * flagged just because the org has not been read yet.
   */
  private async findKnownOwners(
    credentials: BackstageCredentials,
  ): Promise<Set<string> | undefined> {
    const refs = new Set<string>();
    let groups = 0;
    const pages = this.options.catalog.streamEntities(
      {
        filter: { kind: ['Group', 'User'] },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
        pageSize: 1000,
      },
      { credentials },
    );
    for await (const page of pages) {
      for (const entity of page) {
        if (entity.kind.toLocaleLowerCase('en-US') === 'group') groups += 1;
        refs.add(stringifyEntityRef(entity).toLocaleLowerCase('en-US'));
      }
    }
    if (groups === 0) {
      this.options.logger.warn(
        'The catalog holds no Group yet; owners from tags are not checked this time',
      );
      return undefined;
    }
    return refs;
  }
}
