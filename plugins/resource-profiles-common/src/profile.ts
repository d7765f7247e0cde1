import { z } from 'zod';

/** @public */
export const ENVIRONMENTS = ['prod', 'staging', 'dev', 'unknown'] as const;
/** @public */
export type Environment = (typeof ENVIRONMENTS)[number];

/** @public Ordered from least to most sensitive. */
export const DATA_CLASSIFICATIONS = [
  'public',
  'internal',
  'confidential',
  'restricted',
] as const;
/** @public */
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

/**
 * @public Where a profile field's value came from, in precedence order:
 * the entity itself (annotations, spec.owner), IaC tags of the cloud resource,
 * the entity's system and domain, profile rules in config, defaults.
 */
export const PROFILE_SOURCES = [
  'catalog',
  'iac-tag',
  'inherited',
  'rule',
  'default',
] as const;
/** @public */
export type ProfileSource = (typeof PROFILE_SOURCES)[number];

/** @public */
export const requestableRoleSchema = z.object({
  name: z.string().min(1),
  /** IAM policy ARN, group name or permission-set name the role grants. */
  target: z.string().min(1),
});
/** @public */
export type RequestableRole = z.infer<typeof requestableRoleSchema>;

/** @public */
export const approvalPolicySchema = z.object({
  /** `auto` grants without a decision; `approvers` needs `requiredApprovals` distinct people. */
  mode: z.enum(['auto', 'approvers']),
  requiredApprovals: z.number().int().min(0).max(10),
});
/** @public */
export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;

/** @public */
export const resourceProfileSchema = z.object({
  entityRef: z.string(),
  arn: z.string().optional(),
  owner: z.string().optional(),
  system: z.string().optional(),
  environment: z.enum(ENVIRONMENTS),
  dataClassification: z.enum(DATA_CLASSIFICATIONS),
  complianceScopes: z.array(z.string()),
  lastReviewedAt: z.string().optional(),
  reviewIntervalDays: z.number().int().positive(),
  /** When the next access review falls due; absent if the resource was never reviewed. */
  reviewDueAt: z.string().optional(),
  reviewOverdue: z.boolean(),
  requestableRoles: z.array(requestableRoleSchema),
  maxGrantDurationHours: z.number().positive(),
  approvalPolicy: approvalPolicySchema,
  approverGroups: z.array(z.string()),
  breakGlassAllowed: z.boolean(),
  /** Values that were present but unusable, e.g. an unknown classification. */
  warnings: z.array(z.string()),
  /** Provenance of each resolved field. */
  sources: z.record(z.string(), z.enum(PROFILE_SOURCES)),
  resolvedAt: z.string(),
});
/** @public */
export type ResourceProfile = z.infer<typeof resourceProfileSchema>;
