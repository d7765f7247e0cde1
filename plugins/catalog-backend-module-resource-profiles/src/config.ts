import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { DEFAULT_UNOWNED_GROUP, normalizeOwnerRef } from './owner';
import { DEFAULT_TAG_KEYS, TagKeys } from './tags';

/** @public Every five minutes, first run shortly after start-up. */
export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 3 },
  initialDelay: { seconds: 15 },
};

/** @public What the catalog module reads from `resourceProfiles`. */
export interface CatalogModuleConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  tagKeys: TagKeys;
  /** Owner tag value → group entity ref, already normalized. */
  ownerMapping: Record<string, string>;
  unownedGroup: string;
  /** Whether tag-derived owners must name a Group or User in the catalog. */
  verifyOwners: boolean;
}

/**
 * Reads `resourceProfiles.tagKeys` and `resourceProfiles.catalog`, failing at
 * start-up on a value that cannot be an owner.
 *
 * @public
 */
export function readCatalogModuleConfig(config: Config): CatalogModuleConfig {
  const root = config.getOptionalConfig('resourceProfiles');
  const catalog = root?.getOptionalConfig('catalog');
  const scheduleConfig = catalog?.getOptionalConfig('schedule');

  const tagKeys: TagKeys = { ...DEFAULT_TAG_KEYS };
  for (const field of Object.keys(DEFAULT_TAG_KEYS) as (keyof TagKeys)[]) {
    const keys = root?.getOptionalStringArray(`tagKeys.${field}`);
    if (keys) tagKeys[field] = keys;
  }

  // Read as a whole: tag values may hold spaces, dots or `@`, which config
  // keys cannot.
  const mapping = catalog?.getOptional('ownerMapping') ?? {};
  if (
    typeof mapping !== 'object' ||
    mapping === null ||
    Array.isArray(mapping)
  ) {
    throw new Error(
      'Invalid resourceProfiles.catalog.ownerMapping: expected an object of tag value to entity ref',
    );
  }
  const ownerMapping: Record<string, string> = {};
  for (const [tagValue, target] of Object.entries(mapping)) {
    const key = `resourceProfiles.catalog.ownerMapping["${tagValue}"]`;
    if (typeof target !== 'string') {
      throw new Error(`Invalid ${key}: expected an entity ref string`);
    }
    ownerMapping[tagValue] = requireOwnerRef(target, key);
  }

  const unownedGroup = requireOwnerRef(
    catalog?.getOptionalString('unownedGroup') ?? DEFAULT_UNOWNED_GROUP,
    'resourceProfiles.catalog.unownedGroup',
  );

  return {
    schedule: scheduleConfig
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
      : DEFAULT_SCHEDULE,
    tagKeys,
    ownerMapping,
    unownedGroup,
    verifyOwners: catalog?.getOptionalBoolean('verifyOwners') ?? true,
  };
}

function requireOwnerRef(value: string, key: string): string {
  const ref = normalizeOwnerRef(value);
  if (!ref) {
    throw new Error(
      `Invalid ${key}: "${value}" is not a group or user entity ref`,
    );
  }
  return ref;
}
