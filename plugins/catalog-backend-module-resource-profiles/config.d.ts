import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration for the Resource Profiles plugins. */
  resourceProfiles?: {
    /**
     * IaC tag keys, in order of preference, that carry each field. Shared with
     * the resource-profiles backend. A key matches exactly first, then
     * ignoring case.
     */
    tagKeys?: {
      /**
       * Default: owner, team. Values are Backstage group names or refs
       * (`payments`, `group:default/payments`), or keys of
       * `resourceProfiles.catalog.ownerMapping`.
       */
      owner?: string[];
      /** Default: environment, env. Copied to `resource-profiles.io/environment`. */
      environment?: string[];
      /**
       * Default: data-classification, classification. Copied to
       * `resource-profiles.io/data-classification`.
       */
      dataClassification?: string[];
      /** Default: system. Values are System names or refs; sets `spec.system`. */
      system?: string[];
      /**
       * Default: compliance-scopes. Values separated by commas or spaces;
       * copied to `resource-profiles.io/compliance-scopes`.
       */
      complianceScopes?: string[];
    };
    /**
     * The catalog module: cloud resources and IAM principals of the latest
     * analysis snapshot as `Resource` entities.
     */
    catalog?: {
      /**
       * How often the entity provider reads the inventory and replaces its
       * entities. Runs on one replica at a time. Default: every 5 minutes,
       * timeout 3 minutes, first run 15 seconds after start-up.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Owner tag value → group (or user) entity ref, for tag values that
       * are not group names, e.g. `"Payments Team": group:default/payments`.
       * Looked up before the value is read as a group name; keys match
       * ignoring case.
       */
      ownerMapping?: { [tagValue: string]: string };
      /**
       * Owner of entities whose owner cannot be resolved from their tags.
       * Such entities also carry `resource-profiles.io/owner-unresolved: "true"`.
       * Default: group:default/unowned.
       */
      unownedGroup?: string;
      /**
       * Whether an owner from tags or the mapping must be a Group or User in
       * the catalog; one that is not counts as unresolved. Not checked while
       * the catalog holds no Group at all. Default: true.
       */
      verifyOwners?: boolean;
    };
  };
}
