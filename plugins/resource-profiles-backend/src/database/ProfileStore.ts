import { ResourceProfile } from '@resource-profiles/backstage-plugin-resource-profiles-common';

/** Persistence of resolved resource profiles. */
export interface ProfileStore {
  getProfile(entityRef: string): Promise<ResourceProfile | undefined>;
  /**
   * Stores the given profiles and removes every profile that was not part of
   * this refresh, in one transaction.
   */
  replaceProfiles(profiles: ResourceProfile[], refreshedAt: Date): Promise<void>;
  countProfiles(): Promise<number>;
}
