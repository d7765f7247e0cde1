import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration for the Resource Profiles plugins. */
  resourceProfiles?: {
    /**
     * Profile values used when neither the entity, its IaC tags, its system
     * or domain, nor a rule sets them.
     */
    defaults?: ProfileValues;
    /**
     * Profile rules, tried in order; the first whose `match` fits an entity
     * supplies the values that the entity and its tags leave open.
     */
    rules?: Array<{
      /** A name for logs and the UI. */
      name?: string;
      match: {
        /** Entity kind(s), e.g. Resource. */
        kind?: string | string[];
        /** Entity spec.type(s), e.g. s3-bucket. */
        type?: string | string[];
        /** prod, staging or dev. */
        environment?: string | string[];
        /** IaC tags that must all be present with these values. */
        tags?: { [key: string]: string };
      };
      profile: ProfileValues;
    }>;
    /** IaC tag keys, in order of preference, that carry each profile field. */
    tagKeys?: {
      /** Default: owner, team. Values are Backstage group names or refs. */
      owner?: string[];
      /** Default: environment, env. */
      environment?: string[];
      /** Default: data-classification, classification. */
      dataClassification?: string[];
      /** Default: system. */
      system?: string[];
      /** Default: compliance-scopes. */
      complianceScopes?: string[];
    };
    refresh?: {
      /**
       * How often stored profiles are re-resolved from the catalog.
       * Default: every 10 minutes. Runs on one replica at a time.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}

interface ProfileValues {
  /** prod, staging, dev or unknown. */
  environment?: 'prod' | 'staging' | 'dev' | 'unknown';
  /** public, internal, confidential or restricted. */
  dataClassification?: 'public' | 'internal' | 'confidential' | 'restricted';
  /** e.g. SOC2, PCI-DSS, HIPAA, ISO27001. */
  complianceScopes?: string[];
  /** Days between access reviews. */
  reviewIntervalDays?: number;
  /** Longest grant, as an ISO 8601 duration (PT8H) or hours. */
  maxGrantDuration?: string;
  /** auto, one, two, or a number of distinct approvers. */
  approvalPolicy?: string;
  /** Group entity refs whose members may approve. */
  approverGroups?: string[];
  /** Whether break-glass self-activation is allowed. */
  breakGlassAllowed?: boolean;
  /** Requestable role name → IAM policy ARN, group or permission set. */
  requestableRoles?: { [name: string]: string };
}
