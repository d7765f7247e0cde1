import { ANNOTATION_LOCATION } from '@backstage/catalog-model';

/** @public The entity provider's name; also the type of its location refs. */
export const PROVIDER_NAME = 'resource-profiles';

/** Location key under which every provided entity is registered. */
export const PROVIDER_LOCATION_KEY = PROVIDER_NAME;

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
