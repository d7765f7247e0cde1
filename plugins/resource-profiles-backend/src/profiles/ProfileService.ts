import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ARN,
  hasResourceProfile,
  ResourceProfile,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { ProfileStore } from '../database/ProfileStore';
import { ProfileConfig } from './profileConfig';
import { resolveProfile } from './resolveProfile';

export interface RefreshResult {
  profiles: number;
  durationMs: number;
}

/** Resolves profiles from catalog entities and keeps the stored copies fresh. */
export class ProfileService {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      store: ProfileStore;
      /** IaC tags of the entity's cloud resource, from the latest snapshot. */
      tagsOf?: (arn: string) => Promise<Record<string, string> | undefined>;
      auth: AuthService;
      logger: LoggerService;
      config: ProfileConfig;
      now?: () => Date;
    },
  ) {}

  /**
   * The profile of one entity, resolved from the live entity. The catalog is
   * asked with the caller's credentials, so an entity the caller may not see
   * has no profile for them either.
   */
  async getProfile(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ResourceProfile | undefined> {
    const { catalog } = this.deps;
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity || !hasResourceProfile(entity)) {
      return undefined;
    }
    const ancestors = await this.ancestorsOf(entity, ref =>
      catalog.getEntityByRef(ref, { credentials }),
    );
    return resolveProfile({
      entity,
      ancestors,
      iacTags: await this.iacTagsOf(entity),
      config: this.deps.config,
      now: this.now(),
    });
  }

  private async iacTagsOf(entity: Entity): Promise<Record<string, string> | undefined> {
    const arn = entity.metadata.annotations?.[ANNOTATION_ARN];
    return arn && this.deps.tagsOf ? this.deps.tagsOf(arn) : undefined;
  }

  /** Re-resolves every profiled entity in the catalog and stores the result. */
  async refreshAll(): Promise<RefreshResult> {
    const started = this.now();
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const byRef = new Map<string, Entity>();
    const profiled: Entity[] = [];
    for await (const page of this.deps.catalog.streamEntities(
      {
        filter: [
          { kind: ['resource', 'component', 'system', 'domain'] },
        ],
      },
      { credentials },
    )) {
      for (const entity of page) {
        byRef.set(stringifyEntityRef(entity), entity);
        if (hasResourceProfile(entity)) profiled.push(entity);
      }
    }
    const lookup = async (ref: string) => byRef.get(ref);
    const profiles: ResourceProfile[] = [];
    for (const entity of profiled) {
      profiles.push(
        resolveProfile({
          entity,
          ancestors: await this.ancestorsOf(entity, lookup),
          iacTags: await this.iacTagsOf(entity),
          config: this.deps.config,
          now: started,
        }),
      );
    }
    await this.deps.store.replaceProfiles(profiles, started);
    const durationMs = this.now().getTime() - started.getTime();
    this.deps.logger.info(
      `Refreshed ${profiles.length} resource profiles in ${durationMs} ms`,
    );
    return { profiles: profiles.length, durationMs };
  }

  private async ancestorsOf(
    entity: Entity,
    lookup: (ref: string) => Promise<Entity | undefined>,
  ): Promise<Entity[]> {
    const ancestors: Entity[] = [];
    const systemRef = entity.spec?.system;
    if (typeof systemRef !== 'string') {
      return ancestors;
    }
    const system = await lookup(
      stringifyEntityRef(
        parseEntityRef(systemRef, {
          defaultKind: 'system',
          defaultNamespace: entity.metadata.namespace,
        }),
      ),
    );
    if (!system) return ancestors;
    ancestors.push(system);
    const domainRef = system.spec?.domain;
    if (typeof domainRef === 'string') {
      const domain = await lookup(
        stringifyEntityRef(
          parseEntityRef(domainRef, {
            defaultKind: 'domain',
            defaultNamespace: system.metadata.namespace,
          }),
        ),
      );
      if (domain) ancestors.push(domain);
    }
    return ancestors;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
