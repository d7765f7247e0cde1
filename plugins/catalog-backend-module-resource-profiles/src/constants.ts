import { ANNOTATION_LOCATION } from '@backstage/catalog-model';
import { ANNOTATION_PREFIX } from '@resource-profiles/backstage-plugin-resource-profiles-common';

/** @public The entity provider's name; also the type of its location refs. */
export const PROVIDER_NAME = 'resource-profiles';

/** Location key under which every provided entity is registered. */
export const PROVIDER_LOCATION_KEY = PROVIDER_NAME;

/** @public Input file and address the provided entity was read from (`file#address`). */
export const ANNOTATION_INVENTORY_SOURCE = `${ANNOTATION_PREFIX}/source`;

/**
 * @public `"true"` when no owner could be resolved from the resource's tags and
 * the entity was given the configured fallback group instead.
 */
export const ANNOTATION_OWNER_UNRESOLVED = `${ANNOTATION_PREFIX}/owner-unresolved`;

/**
 * @public The owner tag value that could not be resolved to a group, when the
 * resource has one (a typo, an unknown group, or not a valid entity ref).
 */
export const ANNOTATION_OWNER_TAG = `${ANNOTATION_PREFIX}/owner-tag`;

/** @public The location ref of entities read from one inventory source file. */
export function inventoryLocationRef(sourceFile: string | undefined): string {
  const file = sourceFile?.trim();
  return `${PROVIDER_NAME}:${file ? file : 'inventory'}`;
}

/** True for entities that this module's provider emitted. */
export function isProvidedEntity(
  annotations: Record<string, string> | undefined,
): boolean {
  return (
    annotations?.[ANNOTATION_LOCATION]?.startsWith(`${PROVIDER_NAME}:`) ?? false
  );
}

/** The refresh key that marks entities carrying an ARN for reprocessing. */
export function refreshKeyForArn(arn: string): string {
  return `${PROVIDER_NAME}:arn:${arn}`;
}
