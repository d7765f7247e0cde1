import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_OWNER_UNRESOLVED,
  CloudInventoryItem,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import {
  dependsOnRefs,
  inventoryItemToEntity,
  InventoryItemToEntityOptions,
} from './inventoryItemToEntity';
import { entityNameForItem } from './naming';
import { DEFAULT_TAG_KEYS, profileAnnotationsFromTags } from './tags';

/**
 * What the enrichment processor adds to a hand-written entity that names an
 * inventory ARN: profile annotations from the resource's tags (only those the
 * author left out) and `dependsOn` relations.
 *
 * @public
 */
export interface EnrichmentRecord {
  annotations: Record<string, string>;
  dependsOn: string[];
}

/** @public */
export interface CatalogView {
  /** Entities to provide, in inventory order. */
  entities: Entity[];
  /** Enrichment of hand-written entities, by ARN. */
  enrichment: Record<string, EnrichmentRecord>;
  counts: {
    provided: number;
    handWritten: number;
    planned: number;
    unownedProvided: number;
    nameCollisions: number;
  };
}

/** @public */
export interface BuildCatalogViewOptions
  extends Omit<InventoryItemToEntityOptions, 'refForArn' | 'name'> {
  /**
   * ARN → ref of entities that exist in the catalog from another origin
   * (a hand-written `catalog-info.yaml`): those ARNs are enriched, not
   * provided again.
   */
  handWritten?: ReadonlyMap<string, string>;
}

/**
 * Merges duplicate ARNs (e.g. a role in both the authorization details and a
 * Terraform state): the first item wins, its tags are completed by later
 * ones, `dependsOn` is the union.
 */
function mergeByArn(items: CloudInventoryItem[]): CloudInventoryItem[] {
  const byArn = new Map<string, CloudInventoryItem>();
  for (const item of items) {
    const seen = byArn.get(item.arn);
    if (!seen) {
      byArn.set(item.arn, item);
      continue;
    }
    byArn.set(item.arn, {
      ...seen,
      tags: { ...item.tags, ...seen.tags },
      dependsOn: [...new Set([...seen.dependsOn, ...item.dependsOn])],
    });
  }
  return [...byArn.values()];
}

/**
 * Splits the inventory into the entities to provide (a full mutation) and the
 * enrichment of hand-written entities. Planned items (only in a Terraform
 * plan) are left out; `dependsOn` resolves through both kinds of entity.
 *
 * @public
 */
export function buildCatalogView(
  inventory: CloudInventoryItem[],
  options: BuildCatalogViewOptions = {},
): CatalogView {
  const { handWritten = new Map<string, string>(), ...mapping } = options;
  const applied = inventory.filter(item => !item.planned);
  const items = mergeByArn(applied);

  const refByArn = new Map<string, string>(handWritten);
  const names = new Map<string, string>();
  const provided: Array<{ item: CloudInventoryItem; name: string }> = [];
  let nameCollisions = 0;
  for (const item of items) {
    if (handWritten.has(item.arn)) continue;
    const name = entityNameForItem(item);
    if (names.has(name)) {
      // Two ARNs with one 8-digit hash and one readable prefix: keep the first.
      nameCollisions += 1;
      continue;
    }
    names.set(name, item.arn);
    refByArn.set(item.arn, `resource:default/${name}`);
    provided.push({ item, name });
  }
  const refForArn = (arn: string) => refByArn.get(arn);

  const entities = provided.map(({ item, name }) =>
    inventoryItemToEntity(item, { ...mapping, name, refForArn }),
  );

  const tagKeys = { ...DEFAULT_TAG_KEYS, ...mapping.tagKeys };
  const enrichment: Record<string, EnrichmentRecord> = {};
  for (const item of items) {
    const self = handWritten.get(item.arn);
    if (!self) continue;
    enrichment[item.arn] = {
      annotations: profileAnnotationsFromTags(item.tags, tagKeys),
      dependsOn: dependsOnRefs(item, refForArn, self),
    };
  }

  return {
    entities,
    enrichment,
    counts: {
      provided: entities.length,
      handWritten: Object.keys(enrichment).length,
      planned: inventory.length - applied.length,
      unownedProvided: entities.filter(
        entity =>
          entity.metadata.annotations?.[ANNOTATION_OWNER_UNRESOLVED] === 'true',
      ).length,
      nameCollisions,
    },
  };
}
