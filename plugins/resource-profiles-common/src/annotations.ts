/**
 * Catalog annotation keys read and written by Resource Profiles.
 *
 * On a Resource (or Component, System, Domain) they describe the profile; on a
 * User, {@link ANNOTATION_IAM_PRINCIPALS} maps the person to the IAM principals
 * they act as, which is how SoD is judged per human rather than per principal.
 *
 * @public
 */
export const ANNOTATION_PREFIX = 'resource-profiles.io';

/** @public ARN of the cloud resource the entity stands for. */
export const ANNOTATION_ARN = `${ANNOTATION_PREFIX}/arn`;
/** @public prod | staging | dev */
export const ANNOTATION_ENVIRONMENT = `${ANNOTATION_PREFIX}/environment`;
/** @public public | internal | confidential | restricted */
export const ANNOTATION_DATA_CLASSIFICATION = `${ANNOTATION_PREFIX}/data-classification`;
/** @public Comma-separated, e.g. "SOC2,PCI-DSS". */
export const ANNOTATION_COMPLIANCE_SCOPES = `${ANNOTATION_PREFIX}/compliance-scopes`;
/** @public ISO date (YYYY-MM-DD) of the last access review. */
export const ANNOTATION_LAST_REVIEWED = `${ANNOTATION_PREFIX}/last-reviewed`;
/** @public Days between access reviews. */
export const ANNOTATION_REVIEW_INTERVAL_DAYS = `${ANNOTATION_PREFIX}/review-interval-days`;
/** @public Comma-separated entity refs of groups allowed to approve access. */
export const ANNOTATION_APPROVER_GROUPS = `${ANNOTATION_PREFIX}/approver-groups`;
/** @public auto | one | two (or a number): approvals needed for a grant. */
export const ANNOTATION_APPROVAL_POLICY = `${ANNOTATION_PREFIX}/approval-policy`;
/** @public ISO 8601 duration or hours, e.g. "PT8H" or "8". */
export const ANNOTATION_MAX_GRANT_DURATION = `${ANNOTATION_PREFIX}/max-grant-duration`;
/** @public "true" when break-glass self-activation is allowed. */
export const ANNOTATION_BREAK_GLASS = `${ANNOTATION_PREFIX}/break-glass`;
/**
 * @public Requestable roles: comma-separated "name=target" pairs, where target
 * is an IAM policy ARN, group name or permission-set name.
 */
export const ANNOTATION_REQUESTABLE_ROLES = `${ANNOTATION_PREFIX}/requestable-roles`;
/** @public On a User: comma-separated IAM principal ARNs this person acts as. */
export const ANNOTATION_IAM_PRINCIPALS = `${ANNOTATION_PREFIX}/iam-principals`;

/** @public Input file and address a provided entity was read from (`file#address`). */
export const ANNOTATION_INVENTORY_SOURCE = `${ANNOTATION_PREFIX}/source`;

/**
 * @public `"true"` when no owner could be resolved from the resource's tags and
 * the catalog module gave the entity the configured fallback group instead.
 */
export const ANNOTATION_OWNER_UNRESOLVED = `${ANNOTATION_PREFIX}/owner-unresolved`;

/**
 * @public The owner tag value that could not be resolved to a group, when the
 * resource has one (a typo, an unknown group, or not a valid entity ref).
 */
export const ANNOTATION_OWNER_TAG = `${ANNOTATION_PREFIX}/owner-tag`;
