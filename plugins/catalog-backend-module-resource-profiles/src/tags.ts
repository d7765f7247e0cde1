import { makeValidator } from '@backstage/catalog-model';
import {
  ANNOTATION_COMPLIANCE_SCOPES,
  ANNOTATION_DATA_CLASSIFICATION,
  ANNOTATION_ENVIRONMENT,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';

/** @public IaC tag keys, in order of preference, that carry each field. */
export interface TagKeys {
  owner: string[];
  system: string[];
  environment: string[];
  dataClassification: string[];
  complianceScopes: string[];
}

/**
 * @public The same defaults as the backend plugin's, so that a profile resolved
 * from tags and an entity built from the same tags agree.
 */
export const DEFAULT_TAG_KEYS: Readonly<TagKeys> = Object.freeze({
  owner: ['owner', 'team'],
  system: ['system'],
  environment: ['environment', 'env'],
  dataClassification: ['data-classification', 'classification'],
  complianceScopes: ['compliance-scopes'],
});

const validator = makeValidator();

/**
 * The first non-blank value among `keys`. A key matches exactly first, then
 * ignoring case (`Owner` for `owner`), since tag-key casing varies by team.
 */
export function tagValue(
  tags: Record<string, string>,
  keys: readonly string[],
): string | undefined {
  for (const key of keys) {
    const exact = tags[key];
    if (typeof exact === 'string' && exact.trim()) return exact.trim();
    const lower = key.toLocaleLowerCase('en-US');
    for (const [candidate, value] of Object.entries(tags)) {
      if (
        candidate.toLocaleLowerCase('en-US') === lower &&
        typeof value === 'string' &&
        value.trim()
      ) {
        return value.trim();
      }
    }
  }
  return undefined;
}

/** `SOC2, PCI-DSS` or `SOC2 PCI-DSS` → `SOC2,PCI-DSS` (AWS tag values cannot hold commas). */
export function normalizeComplianceScopes(value: string): string {
  return value
    .split(/[\s,;]+/)
    .filter(Boolean)
    .join(',');
}

/**
 * The profile annotations (environment, data classification, compliance
 * scopes) that the resource's tags state. Values are passed through as
 * written: the profile resolver accepts aliases (`production`) and reports
 * values it cannot use.
 *
 * @public
 */
export function profileAnnotationsFromTags(
  tags: Record<string, string>,
  tagKeys: Readonly<TagKeys> = DEFAULT_TAG_KEYS,
): Record<string, string> {
  const annotations: Record<string, string> = {};
  const environment = tagValue(tags, tagKeys.environment);
  if (environment) annotations[ANNOTATION_ENVIRONMENT] = environment;
  const classification = tagValue(tags, tagKeys.dataClassification);
  if (classification) {
    annotations[ANNOTATION_DATA_CLASSIFICATION] = classification;
  }
  const scopes = tagValue(tags, tagKeys.complianceScopes);
  if (scopes && normalizeComplianceScopes(scopes)) {
    annotations[ANNOTATION_COMPLIANCE_SCOPES] =
      normalizeComplianceScopes(scopes);
  }
  return annotations;
}

/**
 * `metadata.tags` for a provided entity: only the low-cardinality, non-secret
 * values (cloud, service, environment, classification, compliance scopes),
 * lower-cased, and only those that are valid Backstage tags.
 */
export function entityTags(candidates: Array<string | undefined>): string[] {
  const tags = new Set<string>();
  for (const candidate of candidates) {
    const tag = candidate?.trim().toLocaleLowerCase('en-US');
    if (tag && validator.isValidTag(tag)) tags.add(tag);
  }
  return [...tags];
}
