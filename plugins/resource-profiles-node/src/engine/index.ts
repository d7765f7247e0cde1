export * from './model';
export * from './result';
export { InputParseError, type ParseOptions } from './parse/InputParseError';
export { parseAwsAuthorizationDetails } from './parse/awsAuthorizationDetails';
export { parseTerraform } from './parse/terraform';
export { parseCloudFormation } from './parse/cloudformation';
export { parseAwsOrganizations } from './parse/awsOrganizations';
export { parseAwsS3Buckets } from './parse/awsS3Buckets';
export { parseAwsResourcePolicies } from './parse/awsResourcePolicies';
export { parsePolicyDocument } from './parse/policyDocument';
export { mergeInputs } from './merge';
export { analyze, type AnalyzeOptions, type Human } from './analyze';
export { evaluateGrant, type GrantEvaluation, type GrantRequest } from './evaluateGrant';
export { findingId } from './findingId';
export { accountGuardrails, type AccountGuardrails, type GuardrailLevel } from './guardrails';
export {
  loadRuleSet,
  defaultRuleSet,
  defaultSeverities,
  ruleIds,
  severities,
  type RuleSet,
  type RuleId,
  type Severity,
  type EscalationMethod,
  type Duty,
  type Conflict,
  type ActionScope,
} from './rules/ruleSet';
export { defaultEscalationMethods } from './rules/escalationMethods';
export { defaultDuties, defaultConflicts } from './rules/sodDefaults';
export { ActionCatalog, defaultActionCatalog, accessLevels, type AccessLevel, type CatalogAction } from './catalog/actionCatalog';
export { parseArn, kindFromArn, isAwsManagedPolicyArn, type ParsedArn } from './arn';
