import { Entity } from '@backstage/catalog-model';
import { ANNOTATION_PREFIX } from './annotations';

/**
 * True for entities that get a resource profile: every Resource, and any
 * other entity that carries a resource-profiles annotation.
 *
 * @public
 */
export function hasResourceProfile(entity: Entity): boolean {
  if (entity.kind.toLowerCase() === 'resource') {
    return true;
  }
  return Object.keys(entity.metadata.annotations ?? {}).some(key =>
    key.startsWith(`${ANNOTATION_PREFIX}/`),
  );
}
