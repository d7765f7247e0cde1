/**
 * The Resource Profiles module for the catalog: cloud resources and IAM
 * principals of the latest analysis snapshot as `Resource` entities, and the
 * enrichment of hand-written entities that name the same ARNs.
 *
 * @packageDocumentation
 */

export { catalogModuleResourceProfiles as default } from './module';
export { ResourceProfilesEntityProvider } from './ResourceProfilesEntityProvider';
export type {
  ResourceProfilesEntityProviderOptions,
  ResourceProfilesRefreshResult,
} from './ResourceProfilesEntityProvider';
export { ResourceProfilesEnrichmentProcessor } from './ResourceProfilesEnrichmentProcessor';
export { EnrichmentStore } from './EnrichmentStore';
export type { EnrichmentStoreOptions } from './EnrichmentStore';
export { inventoryItemToEntity } from './inventoryItemToEntity';
export type { InventoryItemToEntityOptions } from './inventoryItemToEntity';
export { buildCatalogView } from './catalogView';
export type {
  BuildCatalogViewOptions,
  CatalogView,
  EnrichmentRecord,
} from './catalogView';
export { entityNameForItem } from './naming';
export {
  normalizeOwnerRef,
  resolveOwner,
  DEFAULT_UNOWNED_GROUP,
} from './owner';
export type { OwnerOptions, OwnerResolution } from './owner';
export { DEFAULT_TAG_KEYS, profileAnnotationsFromTags } from './tags';
export type { TagKeys } from './tags';
export { readCatalogModuleConfig, DEFAULT_SCHEDULE } from './config';
export type { CatalogModuleConfig } from './config';
export { InventoryClient, parseInventoryPage } from './inventoryClient';
export type { Inventory, InventoryClientOptions } from './inventoryClient';
export { PROVIDER_NAME } from './constants';
// Defined in common, where the backend and the frontend read them too; kept
// here for code that imported them from this module.
export {
  ANNOTATION_INVENTORY_SOURCE,
  ANNOTATION_OWNER_TAG,
  ANNOTATION_OWNER_UNRESOLVED,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
