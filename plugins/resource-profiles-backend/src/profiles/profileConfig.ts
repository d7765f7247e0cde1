import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DATA_CLASSIFICATIONS,
  ENVIRONMENTS,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { z } from 'zod';

const stringOrList = z
  .union([z.string(), z.array(z.string())])
  .transform(value => (Array.isArray(value) ? value : [value]));

/** The profile fields that defaults and rules may set. */
const profileValuesSchema = z
  .object({
    environment: z.enum(ENVIRONMENTS),
    dataClassification: z.enum(DATA_CLASSIFICATIONS),
    complianceScopes: z.array(z.string()),
    reviewIntervalDays: z.number().int().positive(),
    maxGrantDuration: z.string(),
    approvalPolicy: z.string(),
    approverGroups: z.array(z.string()),
    breakGlassAllowed: z.boolean(),
    requestableRoles: z.record(z.string(), z.string()),
  })
  .partial()
  .strict();

export type ProfileValues = z.infer<typeof profileValuesSchema>;

const ruleSchema = z
  .object({
    name: z.string().optional(),
    match: z
      .object({
        kind: stringOrList.optional(),
        type: stringOrList.optional(),
        environment: stringOrList.optional(),
        /** Every listed tag must be present on the resource with this value. */
        tags: z.record(z.string(), z.string()).optional(),
      })
      .strict(),
    profile: profileValuesSchema,
  })
  .strict();

export type ProfileRule = z.infer<typeof ruleSchema>;

const defaults: Required<Omit<ProfileValues, 'requestableRoles'>> & {
  requestableRoles: Record<string, string>;
} = {
  environment: 'unknown',
  dataClassification: 'internal',
  complianceScopes: [],
  reviewIntervalDays: 90,
  maxGrantDuration: 'PT8H',
  approvalPolicy: 'one',
  approverGroups: [],
  breakGlassAllowed: false,
  requestableRoles: {},
};

export type ProfileDefaults = typeof defaults;

const tagKeysSchema = z
  .object({
    owner: z.array(z.string()).default(['owner', 'team']),
    environment: z.array(z.string()).default(['environment', 'env']),
    dataClassification: z
      .array(z.string())
      .default(['data-classification', 'classification']),
    system: z.array(z.string()).default(['system']),
    complianceScopes: z.array(z.string()).default(['compliance-scopes']),
  })
  .strict();

/** IaC tag keys, in order of preference, that carry each profile field. */
export type TagKeys = z.infer<typeof tagKeysSchema>;

export interface ProfileConfig {
  defaults: ProfileDefaults;
  rules: ProfileRule[];
  tagKeys: TagKeys;
}

/** Reads `resourceProfiles.defaults`, `.rules` and `.tagKeys`, failing fast on a typo. */
export function readProfileConfig(config: Config): ProfileConfig {
  const section = config.getOptionalConfig('resourceProfiles');
  const raw = {
    defaults: section?.getOptional('defaults') ?? {},
    rules: section?.getOptional('rules') ?? [],
    tagKeys: section?.getOptional('tagKeys') ?? {},
  };
  const parsed = z
    .object({
      defaults: profileValuesSchema,
      rules: z.array(ruleSchema),
      tagKeys: tagKeysSchema,
    })
    .safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      `Invalid resourceProfiles configuration: ${parsed.error.issues
        .map(issue => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ')}`,
    );
  }
  return {
    defaults: { ...defaults, ...parsed.data.defaults },
    rules: parsed.data.rules,
    tagKeys: parsed.data.tagKeys,
  };
}
