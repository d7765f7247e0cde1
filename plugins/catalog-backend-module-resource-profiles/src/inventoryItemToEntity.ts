import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  ANNOTATION_ARN,
  ANNOTATION_COMPLIANCE_SCOPES,
  ANNOTATION_DATA_CLASSIFICATION,
  ANNOTATION_ENVIRONMENT,
  ANNOTATION_INVENTORY_SOURCE,
  ANNOTATION_OWNER_TAG,
  ANNOTATION_OWNER_UNRESOLVED,
  CloudInventoryItem,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { parseArn } from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { inventoryLocationRef } from './constants';
import { entityNameForItem } from './naming';
import { normalizeSystemRef, OwnerOptions, resolveOwner } from './owner';
import {
  DEFAULT_TAG_KEYS,
  entityTags,
  profileAnnotationsFromTags,
  TagKeys,
  tagValue,
} from './tags';

/** @public */
export interface InventoryItemToEntityOptions
  extends Omit<OwnerOptions, 'ownerTagKeys'> {
  /** Tag keys per field; missing fields use the defaults. */
  tagKeys?: Partial<TagKeys>;
  /**
   * The entity ref standing for an ARN (a provided entity or a hand-written
   * one), used for `spec.dependsOn`. ARNs it does not know are left out.
   */
  refForArn?: (arn: string) => string | undefined;
  /** Overrides the name derived from the ARN. */
  name?: string;
}

/** `file#address`, or the file alone. */
export function sourceAnnotation(source: CloudInventoryItem['source']): string {
  return source.address ? `${source.file}#${source.address}` : source.file;
}

/**
 * The entity refs an item depends on, in order, without duplicates, unknown
 * ARNs or the item itself.
 */
export function dependsOnRefs(
  item: Pick<CloudInventoryItem, 'arn' | 'dependsOn'>,
  refForArn: ((arn: string) => string | undefined) | undefined,
  self?: string,
): string[] {
  const refs = new Set<string>();
  for (const arn of item.dependsOn) {
    if (arn === item.arn) continue;
    const ref = refForArn?.(arn);
    if (ref && ref !== self) refs.add(ref);
  }
  return [...refs];
}

function describe(item: CloudInventoryItem): string {
  const what = item.type.replace(/-/g, ' ');
  const where = item.accountId ? ` in AWS account ${item.accountId}` : '';
  const region = item.region ? ` (${item.region})` : '';
  return `${what} ${
    item.name
  }${where}${region}, found by Resource Profiles in ${sourceAnnotation(
    item.source,
  )}.`;
}

/**
 * Turns one cloud resource or IAM principal of the inventory into a
 * `Resource` entity: a name derived from its ARN, its owner and system from
 * tags, its profile annotations from tags, and `dependsOn` where known. An
 * owner that cannot be resolved is flagged with
 * `resource-profiles.io/owner-unresolved` and the fallback group.
 *
 * Pure: the same item and options always give the same entity.
 *
 * @public
 */
export function inventoryItemToEntity(
  item: CloudInventoryItem,
  options: InventoryItemToEntityOptions = {},
): Entity {
  const tagKeys: TagKeys = { ...DEFAULT_TAG_KEYS, ...options.tagKeys };
  const name = options.name ?? entityNameForItem(item);
  const location = inventoryLocationRef(item.source.file);
  const profile = profileAnnotationsFromTags(item.tags, tagKeys);
  const owner = resolveOwner(item.tags, {
    ...options,
    ownerTagKeys: tagKeys.owner,
  });
  const systemTag = tagValue(item.tags, tagKeys.system);
  const system = systemTag ? normalizeSystemRef(systemTag) : undefined;
  const dependsOn = dependsOnRefs(
    item,
    options.refForArn,
    `resource:default/${name}`,
  );
  const arn = parseArn(item.arn);

  const annotations: Record<string, string> = {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [ANNOTATION_ARN]: item.arn,
    [ANNOTATION_INVENTORY_SOURCE]: sourceAnnotation(item.source),
    ...profile,
  };
  if (!owner.resolved) {
    annotations[ANNOTATION_OWNER_UNRESOLVED] = 'true';
    if (owner.tagValue) annotations[ANNOTATION_OWNER_TAG] = owner.tagValue;
  }

  const tags = entityTags([
    arn?.partition.startsWith('aws') ? 'aws' : undefined,
    arn?.service,
    profile[ANNOTATION_ENVIRONMENT],
    profile[ANNOTATION_DATA_CLASSIFICATION],
    ...(profile[ANNOTATION_COMPLIANCE_SCOPES]?.split(',') ?? []),
  ]);

  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      title: item.name || item.arn,
      description: describe(item),
      ...(tags.length ? { tags } : {}),
      annotations,
    },
    spec: {
      type: item.type || 'cloud-resource',
      owner: owner.ref,
      ...(system ? { system } : {}),
      ...(dependsOn.length ? { dependsOn } : {}),
    },
  };
}
