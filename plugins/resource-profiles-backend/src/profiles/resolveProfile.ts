import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_APPROVAL_POLICY,
  ANNOTATION_APPROVER_GROUPS,
  ANNOTATION_ARN,
  ANNOTATION_BREAK_GLASS,
  ANNOTATION_COMPLIANCE_SCOPES,
  ANNOTATION_DATA_CLASSIFICATION,
  ANNOTATION_ENVIRONMENT,
  ANNOTATION_LAST_REVIEWED,
  ANNOTATION_MAX_GRANT_DURATION,
  ANNOTATION_REQUESTABLE_ROLES,
  ANNOTATION_REVIEW_INTERVAL_DAYS,
  ProfileSource,
  ResourceProfile,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import {
  parseApprovalPolicy,
  parseBoolean,
  parseDataClassification,
  parseDate,
  parseDurationHours,
  parseEnvironment,
  parseList,
  parsePositiveInt,
  parseRequestableRoles,
} from './parseProfileValues';
import { ProfileConfig, ProfileRule, ProfileValues } from './profileConfig';

export interface ProfileInputs {
  entity: Entity;
  /** The entity's system and domain, whose annotations the entity inherits. */
  ancestors?: Entity[];
  /** Tags of the cloud resource from IAM/IaC sync, keyed by tag name. */
  iacTags?: Record<string, string>;
  config: ProfileConfig;
  now: Date;
}

type Candidate = { source: ProfileSource; raw: unknown };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Resolves an entity's resource profile. Each field takes the first usable
 * value from: the entity's annotations, IaC tags, the annotations of its
 * system and domain, the first matching profile rule, then the defaults.
 */
export function resolveProfile(inputs: ProfileInputs): ResourceProfile {
  const { entity, config, now } = inputs;
  const annotations = entity.metadata.annotations ?? {};
  const ancestors = inputs.ancestors ?? [];
  const iacTags = inputs.iacTags ?? {};
  const warnings: string[] = [];
  const sources: Record<string, ProfileSource> = {};

  const fromTags = (keys: string[]) =>
    keys.map(key => iacTags[key]).find(value => value !== undefined);
  const fromAncestors = (annotation: string) =>
    ancestors
      .map(ancestor => ancestor.metadata.annotations?.[annotation])
      .find(value => value !== undefined);

  function pick<T>(
    field: string,
    candidates: Candidate[],
    parse: (raw: unknown) => T | undefined,
  ): T {
    for (const candidate of candidates) {
      if (candidate.raw === undefined) continue;
      const value = parse(candidate.raw);
      if (value === undefined) {
        warnings.push(
          `Ignored ${field} ${JSON.stringify(candidate.raw)} from ${candidate.source}`,
        );
        continue;
      }
      sources[field] = candidate.source;
      return value;
    }
    throw new Error(`No default for profile field ${field}`);
  }

  const textParser =
    <T>(parse: (text: string) => T | undefined) =>
    (raw: unknown) =>
      typeof raw === 'string' ? parse(raw) : (raw as T);

  const layered = (
    field: keyof ProfileValues,
    annotation: string | undefined,
    tagKeys: string[],
    rule: ProfileValues | undefined,
  ): Candidate[] => [
    { source: 'catalog', raw: annotation && annotations[annotation] },
    { source: 'iac-tag', raw: fromTags(tagKeys) },
    { source: 'inherited', raw: annotation && fromAncestors(annotation) },
    { source: 'rule', raw: rule?.[field] },
    { source: 'default', raw: config.defaults[field] },
  ];

  // Rules match on the environment known before rules apply.
  const knownEnvironment = [
    annotations[ANNOTATION_ENVIRONMENT],
    fromTags(config.tagKeys.environment),
    fromAncestors(ANNOTATION_ENVIRONMENT),
  ]
    .filter((value): value is string => typeof value === 'string')
    .map(parseEnvironment)
    .find(Boolean);
  const rule = config.rules.find(candidate =>
    ruleMatches(candidate, entity, knownEnvironment, iacTags),
  )?.profile;

  const environment = pick(
    'environment',
    layered('environment', ANNOTATION_ENVIRONMENT, config.tagKeys.environment, rule),
    textParser(parseEnvironment),
  );
  const dataClassification = pick(
    'dataClassification',
    layered(
      'dataClassification',
      ANNOTATION_DATA_CLASSIFICATION,
      config.tagKeys.dataClassification,
      rule,
    ),
    textParser(parseDataClassification),
  );
  const complianceScopes = pick(
    'complianceScopes',
    layered(
      'complianceScopes',
      ANNOTATION_COMPLIANCE_SCOPES,
      config.tagKeys.complianceScopes,
      rule,
    ),
    textParser(parseList),
  );
  const reviewIntervalDays = pick(
    'reviewIntervalDays',
    layered('reviewIntervalDays', ANNOTATION_REVIEW_INTERVAL_DAYS, [], rule),
    textParser(parsePositiveInt),
  );
  const maxGrantDurationHours = pick(
    'maxGrantDuration',
    layered('maxGrantDuration', ANNOTATION_MAX_GRANT_DURATION, [], rule),
    textParser(parseDurationHours),
  );
  const approvalPolicy = pick(
    'approvalPolicy',
    layered('approvalPolicy', ANNOTATION_APPROVAL_POLICY, [], rule),
    textParser(parseApprovalPolicy),
  );
  const approverGroups = pick(
    'approverGroups',
    layered('approverGroups', ANNOTATION_APPROVER_GROUPS, [], rule),
    textParser(parseList),
  ).map(ref => normalizeGroupRef(ref));
  const breakGlassAllowed = pick(
    'breakGlassAllowed',
    layered('breakGlassAllowed', ANNOTATION_BREAK_GLASS, [], rule),
    textParser(parseBoolean),
  );
  const requestableRoles = pick(
    'requestableRoles',
    layered('requestableRoles', ANNOTATION_REQUESTABLE_ROLES, [], rule),
    raw =>
      typeof raw === 'string'
        ? parseRequestableRoles(raw)
        : Object.entries(raw as Record<string, string>).map(([name, target]) => ({
            name,
            target,
          })),
  );

  let lastReviewedAt: string | undefined;
  const reviewedRaw = annotations[ANNOTATION_LAST_REVIEWED];
  if (reviewedRaw !== undefined) {
    lastReviewedAt = parseDate(reviewedRaw);
    if (lastReviewedAt) {
      sources.lastReviewedAt = 'catalog';
    } else {
      warnings.push(`Ignored lastReviewedAt ${JSON.stringify(reviewedRaw)} from the catalog entity`);
    }
  }
  const reviewDueAt = lastReviewedAt
    ? new Date(Date.parse(lastReviewedAt) + reviewIntervalDays * DAY_MS).toISOString()
    : undefined;

  const owner = resolveOwner(entity, fromTags(config.tagKeys.owner), sources);
  const system =
    typeof entity.spec?.system === 'string'
      ? stringifyEntityRef(
          parseEntityRef(entity.spec.system, {
            defaultKind: 'system',
            defaultNamespace: entity.metadata.namespace,
          }),
        )
      : fromTags(config.tagKeys.system) &&
        `system:default/${fromTags(config.tagKeys.system)}`;

  return {
    entityRef: stringifyEntityRef(entity),
    arn: annotations[ANNOTATION_ARN],
    owner,
    system,
    environment,
    dataClassification,
    complianceScopes,
    lastReviewedAt,
    reviewIntervalDays,
    reviewDueAt,
    // A resource that was never reviewed is overdue by definition.
    reviewOverdue: reviewDueAt ? Date.parse(reviewDueAt) < now.getTime() : true,
    requestableRoles,
    maxGrantDurationHours,
    approvalPolicy,
    approverGroups,
    breakGlassAllowed,
    warnings,
    sources,
    resolvedAt: now.toISOString(),
  };
}

function resolveOwner(
  entity: Entity,
  tagOwner: string | undefined,
  sources: Record<string, ProfileSource>,
): string | undefined {
  if (typeof entity.spec?.owner === 'string') {
    sources.owner = 'catalog';
    return normalizeGroupRef(entity.spec.owner, entity.metadata.namespace);
  }
  if (tagOwner) {
    sources.owner = 'iac-tag';
    return normalizeGroupRef(tagOwner);
  }
  return undefined;
}

function normalizeGroupRef(ref: string, namespace = 'default'): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind: 'group', defaultNamespace: namespace }),
  );
}

function ruleMatches(
  rule: ProfileRule,
  entity: Entity,
  environment: string | undefined,
  iacTags: Record<string, string>,
): boolean {
  const { kind, type, environment: environments, tags } = rule.match;
  const lower = (values: string[]) => values.map(value => value.toLowerCase());
  if (kind && !lower(kind).includes(entity.kind.toLowerCase())) return false;
  if (type && !(typeof entity.spec?.type === 'string' && type.includes(entity.spec.type))) {
    return false;
  }
  if (environments && !(environment && environments.includes(environment))) {
    return false;
  }
  if (tags) {
    return Object.entries(tags).every(([key, value]) => iacTags[key] === value);
  }
  return true;
}
