import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { z } from 'zod';

export const SOURCE_KINDS = [
  'aws-authorization-details',
  'terraform',
  'cloudformation',
  'aws-iam',
  'aws-organizations',
  'aws-s3',
  'aws-resource-policies',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

const awsAccountSchema = z
  .object({
    /** Role to assume in the account; without it the default credential chain is used as is. */
    roleArn: z.string().startsWith('arn:').optional(),
    externalId: z.string().optional(),
    region: z.string().optional(),
  })
  .strict();

export type AwsAccountConfig = z.infer<typeof awsAccountSchema>;

const sourceSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,127}$/i, 'letters, digits, dot, dash and underscore'),
    kind: z.enum(SOURCE_KINDS),
    /** A file, or a folder whose matching files are all read. */
    path: z.string().optional(),
    /** Read through Backstage's UrlReader (git hosts, buckets). */
    url: z.string().url().optional(),
    /** aws-iam, aws-s3, aws-resource-policies: the accounts to read; aws-organizations: the one account to read the organization from. */
    accounts: z.array(awsAccountSchema).min(1).optional(),
    /** cloudformation only: the account the templates are deployed to (their ARNs and `AWS::AccountId`). */
    accountId: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id').optional(),
    maxBytes: z.number().int().positive().optional(),
    schedule: z.unknown().optional(),
  })
  .strict()
  .superRefine((source, ctx) => {
    if (source.accountId !== undefined && source.kind !== 'cloudformation') {
      ctx.addIssue({
        code: 'custom',
        path: ['accountId'],
        message: 'only a cloudformation source takes `accountId` (the other kinds carry their account in their ARNs)',
      });
    }
    if (source.kind === 'aws-iam') {
      if (!source.accounts || source.path || source.url) {
        ctx.addIssue({
          code: 'custom',
          message: 'an aws-iam source takes `accounts` (and no path or url)',
        });
      }
      return;
    }
    const locations = [source.path, source.url].filter(v => v !== undefined);
    if (source.kind === 'aws-organizations' && source.accounts) {
      if (locations.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: 'an aws-organizations source takes either one of `path` or `url`, or `accounts` (not both)',
        });
      } else if (source.accounts.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['accounts'],
          message:
            'an aws-organizations source reads one organization: give exactly one account (the management account or a delegated administrator)',
        });
      }
      return;
    }
    if (source.kind === 'aws-s3' || source.kind === 'aws-resource-policies') {
      if (source.accounts ? locations.length > 0 : locations.length !== 1) {
        ctx.addIssue({ code: 'custom', message: `an ${source.kind} source takes exactly one of \`path\` or \`url\`, or \`accounts\`` });
      }
      return;
    }
    if (source.kind === 'aws-organizations' && locations.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'an aws-organizations source takes exactly one of `path` or `url`, or `accounts` with one entry',
      });
      return;
    }
    if (locations.length !== 1 || source.accounts) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of `path` or `url`' });
    }
  });

export interface SourceConfig {
  id: string;
  kind: SourceKind;
  path?: string;
  url?: string;
  accounts?: AwsAccountConfig[];
  /** cloudformation only. */
  accountId?: string;
  maxBytes: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** 50 MiB: a large account's authorization details fit, a runaway file does not. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 15 },
};

/** Reads `resourceProfiles.sources`, failing fast with the offending entry. */
export function readSourceConfigs(config: RootConfigService): SourceConfig[] {
  const entries = config.getOptionalConfigArray('resourceProfiles.sources') ?? [];
  const defaultMaxBytes =
    config.getOptionalNumber('resourceProfiles.sync.maxInputBytes') ?? DEFAULT_MAX_BYTES;
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const parsed = sourceSchema.safeParse(entry.get());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(
        `Invalid resourceProfiles.sources[${index}]${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`,
      );
    }
    if (seen.has(parsed.data.id)) {
      throw new InputError(`Duplicate resourceProfiles.sources id "${parsed.data.id}"`);
    }
    seen.add(parsed.data.id);
    const scheduleConfig = entry.getOptionalConfig('schedule');
    return {
      id: parsed.data.id,
      kind: parsed.data.kind,
      path: parsed.data.path,
      url: parsed.data.url,
      accounts: parsed.data.accounts,
      accountId: parsed.data.accountId,
      maxBytes: parsed.data.maxBytes ?? defaultMaxBytes,
      schedule: scheduleConfig
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
        : DEFAULT_SCHEDULE,
    };
  });
}

/** Where a source reads from, for status pages. */
export function sourceTarget(source: SourceConfig): string {
  if (source.path) return source.path;
  if (source.url) return source.url;
  return (source.accounts ?? [])
    .map(account => account.roleArn ?? 'default credentials')
    .join(', ');
}
