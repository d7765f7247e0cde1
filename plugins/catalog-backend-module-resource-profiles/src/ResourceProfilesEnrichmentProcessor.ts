import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { ANNOTATION_ARN } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { isProvidedEntity, refreshKeyForArn } from './constants';
import { EnrichmentStore } from './EnrichmentStore';

type LocationSpec = Parameters<
  NonNullable<CatalogProcessor['preProcessEntity']>
>[1];

function arnOf(entity: Entity): string | undefined {
  if (isProvidedEntity(entity.metadata.annotations)) return undefined;
  return entity.metadata.annotations?.[ANNOTATION_ARN]?.trim() || undefined;
}

function normalizedDependsOn(entity: Entity): Set<string> {
  const refs = new Set<string>();
  const declared = entity.spec?.dependsOn;
  if (!Array.isArray(declared)) return refs;
  for (const value of declared) {
    if (typeof value !== 'string') continue;
    try {
      refs.add(
        stringifyEntityRef(
          parseEntityRef(value, {
            defaultKind: 'resource',
            defaultNamespace: entity.metadata.namespace ?? 'default',
          }),
        ).toLocaleLowerCase('en-US'),
      );
    } catch {
      // An invalid ref is the built-in processor's to report.
    }
  }
  return refs;
}

/**
 * Enriches entities from other origins (a hand-written `catalog-info.yaml`)
 * that name an inventory ARN in `resource-profiles.io/arn`: adds the
 * environment, data-classification and compliance-scopes annotations that the
 * resource's tags state and the author left out (never overriding what the
 * author wrote), and `dependsOn` relations to what the resource depends on.
 *
 * It reads the copy of the inventory that the entity provider's task keeps in
 * the {@link EnrichmentStore}; processing an entity makes no call to the
 * backend.
 *
 * @public
 */
export class ResourceProfilesEnrichmentProcessor implements CatalogProcessor {
  constructor(private readonly options: { store: EnrichmentStore }) {}

  getProcessorName(): string {
    return 'ResourceProfilesEnrichmentProcessor';
  }

  async preProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const arn = arnOf(entity);
    if (!arn) return entity;
    // Lets the provider reprocess this entity as soon as its enrichment changes.
    emit(processingResult.refresh(refreshKeyForArn(arn)));
    const record = await this.options.store.get(arn);
    if (!record) return entity;

    const written = entity.metadata.annotations ?? {};
    const missing = Object.entries(record.annotations).filter(
      ([key]) => written[key] === undefined,
    );
    if (missing.length === 0) return entity;
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: { ...Object.fromEntries(missing), ...written },
      },
    };
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const arn = arnOf(entity);
    const record = arn && (await this.options.store.get(arn));
    if (!record) return entity;

    const self = getCompoundEntityRef(entity);
    const selfRef = stringifyEntityRef(self).toLocaleLowerCase('en-US');
    const declared = normalizedDependsOn(entity);
    for (const ref of record.dependsOn) {
      const lower = ref.toLocaleLowerCase('en-US');
      if (lower === selfRef || declared.has(lower)) continue;
      const target = parseEntityRef(ref);
      emit(
        processingResult.relation({
          source: self,
          type: RELATION_DEPENDS_ON,
          target,
        }),
      );
      emit(
        processingResult.relation({
          source: target,
          type: RELATION_DEPENDENCY_OF,
          target: self,
        }),
      );
    }
    return entity;
  }
}
