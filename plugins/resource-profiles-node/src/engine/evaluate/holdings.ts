import type { ActionCatalog } from '../catalog/actionCatalog';
import { hasBit, type ActionUniverse } from './actionUniverse';
import { findGrant, type Grant, type GrantTarget } from './decide';
import { hasWildcard } from './patterns';
import type { PrincipalPolicies } from './principalPolicies';
import type { EvidencePolicy } from '../result';

/** Literal actions a rule pattern stands for: catalog expansion for wildcards, the name itself otherwise. */
export function literalActions(pattern: string, catalog: ActionCatalog): string[] {
  if (!hasWildcard(pattern)) return [catalog.lookup(pattern)?.name ?? pattern];
  return catalog.expandNames(pattern);
}

/** The universe actions a rule pattern stands for, with their bit positions. */
export type ActionPlan = { action: string; i: number }[];

const plans = new WeakMap<ActionUniverse, Map<string, ActionPlan>>();

/** The universe actions a rule pattern stands for, looked up once per pattern and universe. */
export function actionPlan(pattern: string, universe: ActionUniverse, catalog: ActionCatalog): ActionPlan {
  let byPattern = plans.get(universe);
  if (!byPattern) plans.set(universe, (byPattern = new Map()));
  let plan = byPattern.get(pattern);
  if (!plan) {
    plan = literalActions(pattern, catalog)
      .map(action => ({ action, i: universe.indexOf(action) }))
      .filter(a => a.i >= 0);
    byPattern.set(pattern, plan);
  }
  return plan;
}

/** Whether the principal's Allow statements name any of the plan's actions at all. */
export function allowsAny(pp: PrincipalPolicies, plan: ActionPlan): boolean {
  for (let k = 0; k < plan.length; k++) if (hasBit(pp.allowBits, plan[k].i)) return true;
  return false;
}

/**
 * The first grant of any of the plan's actions, preferring unconditional grants. `target`
 * may be a function, called only when the principal is allowed one of the actions at all.
 */
export function grantForPlan(pp: PrincipalPolicies, plan: ActionPlan, target: GrantTarget | (() => GrantTarget)): Grant | undefined {
  let conditional: Grant | undefined;
  let resolved: GrantTarget | undefined;
  for (let k = 0; k < plan.length; k++) {
    const { action, i } = plan[k];
    if (!hasBit(pp.allowBits, i)) continue;
    resolved ??= typeof target === 'function' ? target() : target;
    const g = findGrant(pp, i, action, resolved);
    if (g && !g.conditional) return g;
    conditional ??= g;
  }
  return conditional;
}

/** The first grant of any of the pattern's actions, preferring unconditional grants. */
export function grantForPattern(
  pp: PrincipalPolicies,
  pattern: string,
  target: GrantTarget | (() => GrantTarget),
  universe: ActionUniverse,
  catalog: ActionCatalog,
): Grant | undefined {
  return grantForPlan(pp, actionPlan(pattern, universe, catalog), target);
}

export function evidenceOf(grant: Grant, holderArn: string): EvidencePolicy {
  return {
    policyArn: grant.allowing.policy.policyArn,
    policyName: grant.allowing.policy.policyName,
    holderArn,
    statementIndex: grant.allowing.st.statementIndex,
    matchedActions: [grant.action],
    resource: grant.resource,
  };
}

/** Merges evidence entries that point at the same statement. */
export function mergeEvidence(list: EvidencePolicy[]): EvidencePolicy[] {
  const byKey = new Map<string, EvidencePolicy>();
  for (const e of list) {
    const key = `${e.holderArn}|${e.policyArn ?? e.policyName}|${e.statementIndex}`;
    const seen = byKey.get(key);
    if (seen) {
      for (const a of e.matchedActions) if (!seen.matchedActions.includes(a)) seen.matchedActions.push(a);
    } else byKey.set(key, { ...e, matchedActions: [...e.matchedActions] });
  }
  return [...byKey.values()];
}
