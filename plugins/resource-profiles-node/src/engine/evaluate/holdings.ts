import type { ActionCatalog } from '../catalog/actionCatalog';
import type { ActionUniverse } from './actionUniverse';
import { findGrant, type Grant, type GrantTarget } from './decide';
import { hasWildcard } from './patterns';
import type { PrincipalPolicies } from './principalPolicies';
import type { EvidencePolicy } from '../result';

/** Literal actions a rule pattern stands for: catalog expansion for wildcards, the name itself otherwise. */
export function literalActions(pattern: string, catalog: ActionCatalog): string[] {
  if (!hasWildcard(pattern)) return [catalog.lookup(pattern)?.name ?? pattern];
  return catalog.expandNames(pattern);
}

/** The first grant of any of the pattern's actions, preferring unconditional grants. */
export function grantForPattern(
  pp: PrincipalPolicies,
  pattern: string,
  target: GrantTarget,
  universe: ActionUniverse,
  catalog: ActionCatalog,
): Grant | undefined {
  let conditional: Grant | undefined;
  for (const action of literalActions(pattern, catalog)) {
    const i = universe.indexOf(action);
    if (i < 0) continue;
    const g = findGrant(pp, i, action, target);
    if (g && !g.conditional) return g;
    conditional ??= g;
  }
  return conditional;
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
