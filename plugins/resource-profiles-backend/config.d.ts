import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration for the Resource Profiles plugins. */
  resourceProfiles?: {
    /** Members may trigger syncs, see every violation and every access request. Default group:default/platform-team. */
    platformTeam?: string;
    /** Security approvers for risky grants, risk acceptance and audit. Default group:default/security. */
    securityTeam?: string;
    /** AWS accounts; a finding without an environment tag takes its account's environment. */
    accounts?: Array<{ id: string; name?: string; environment?: 'prod' | 'staging' | 'dev' }>;
    /**
     * IAM and IaC sources. Each is synced on its own schedule by one replica:
     * parsed, analysed with the other sources' last good inputs, and stored
     * with the snapshot in one transaction; a malformed or oversized input
     * records an error and the last good input and snapshot stay.
     */
    sources?: Array<{
      /** Letters, digits, dot, dash, underscore. */
      id: string;
      /**
       * aws-organizations: service and resource control policies and the organization's tree (roots, OUs,
       * accounts), from an AWS Organizations export JSON file (`path`/`url`; its shape is in docs/engine.md, "AWS Organizations export")
       * or read live from one account (`accounts`).
       * aws-s3: one account's S3 buckets with their bucket policies, Block Public Access settings
       * and tags, from S3 bucket export JSON files (`path`/`url`; the shape is in docs/engine.md,
       * "S3 bucket export") or read live from each of `accounts`.
       * aws-resource-policies: one account's KMS keys (customer managed only), SQS queues, SNS topics,
       * Secrets Manager secrets and Lambda functions in one region, with their resource policies
       * and tags, from resource policy export JSON files (`path`/`url`; the shape is in
       * docs/engine.md, "Resource policy export") or read live from each of `accounts`, one export
       * per entry.
       */
      kind: 'aws-authorization-details' | 'terraform' | 'cloudformation' | 'aws-iam' | 'aws-organizations' | 'aws-s3' | 'aws-resource-policies';
      /** A file, or a folder whose matching files are all read (relative to the backend's working directory). */
      path?: string;
      /** Read through Backstage's UrlReader (needs a matching integration or reading.allow entry). */
      url?: string;
      /**
       * aws-iam: accounts to read with GetAccountAuthorizationDetails, through the default credential chain.
       * aws-organizations: exactly one account, the management account or a delegated administrator
       * for Organizations, whose credentials allow organizations:DescribeOrganization,
       * ListRoots, ListOrganizationalUnitsForParent, ListAccountsForParent, ListPolicies,
       * DescribePolicy and ListTargetsForPolicy (`organizations:Describe*` and `organizations:List*`).
       * aws-s3: accounts whose credentials allow sts:GetCallerIdentity, s3:ListAllMyBuckets,
       * s3:GetBucketPolicy, s3:GetBucketPublicAccessBlock and s3:GetBucketTagging.
       * aws-resource-policies: accounts whose credentials allow sts:GetCallerIdentity,
       * kms:ListKeys, kms:ListAliases, kms:DescribeKey, kms:GetKeyPolicy, kms:ListResourceTags,
       * sqs:ListQueues, sqs:GetQueueAttributes, sqs:ListQueueTags,
       * sns:ListTopics, sns:GetTopicAttributes, sns:ListTagsForResource,
       * secretsmanager:ListSecrets, secretsmanager:GetResourcePolicy,
       * lambda:ListFunctions, lambda:GetPolicy and lambda:ListTags. These services are regional:
       * an entry reads its `region` only, so list an account once per region to read.
       */
      accounts?: Array<{
        /** Role to assume in the account. */
        roleArn?: string;
        externalId?: string;
        /**
         * Default us-east-1 (Organizations is a global service served from there).
         * aws-resource-policies: the one region whose resources the entry reads.
         */
        region?: string;
      }>;
      /**
       * cloudformation only: the 12-digit account the templates are deployed
       * to, for their resources' ARNs and `AWS::AccountId`. Without it the
       * principals are placed in account 000000000000 and the sync says so.
       */
      accountId?: string;
      /** Refuse inputs larger than this (bytes). Default resourceProfiles.sync.maxInputBytes. */
      maxBytes?: number;
      /** Default every 30 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    }>;
    sync?: {
      /** Default 50 MiB. */
      maxInputBytes?: number;
    };
    analysis?: {
      /** YAML or JSON file with duties, conflicts, extra escalation methods and severities (see docs/engine.md). */
      rulesFile?: string;
      /** Periodic re-analysis without new input. Default every 6 hours. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    access?: {
      /** What a grant that creates an SoD conflict or escalation path gets. Default require-security-approval. */
      sodPolicy?: 'deny' | 'require-security-approval';
      /** Pending requests lapse after this many hours. Default 72. */
      pendingTimeoutHours?: number;
      /** Grants, retries, expiries, lapses and reminders. Default every 30 seconds. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      actuator?: {
        /** Default record-only. */
        type?: 'record-only' | 'webhook' | 'aws-iam';
        webhook?: {
          url: string;
          /**
           * HMAC-SHA256 key for the x-resource-profiles-signature header.
           * @visibility secret
           */
          secret: string;
        };
        aws?: {
          accounts: Array<{ accountId: string; roleArn?: string; externalId?: string; region?: string }>;
        };
      };
    };
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
