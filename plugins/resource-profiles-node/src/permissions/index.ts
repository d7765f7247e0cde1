import { createConditionExports } from '@backstage/plugin-permission-node';
import {
  hasViolationSeverity,
  isViolationInEnvironment,
  isViolationOwnedBy,
  violationPermissionResourceRef,
} from './violationRules';

export * from './violationRules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: violationPermissionResourceRef,
  rules: { isViolationOwnedBy, hasViolationSeverity, isViolationInEnvironment },
});

/**
 * Conditions for permission policies, e.g.
 * `createViolationConditionalDecision(permission, violationConditions.isViolationOwnedBy({ owners }))`.
 *
 * @public
 */
export const violationConditions = conditions;

/** @public */
export const createViolationConditionalDecision = createConditionalDecision;
