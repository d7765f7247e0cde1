import { isAwsManagedPolicyArn } from '../arn';
import type { ActionCatalog } from '../catalog/actionCatalog';
import type { ActionUniverse } from '../evaluate/actionUniverse';
import type { Grant, GrantTarget } from '../evaluate/decide';
import { grantForPattern } from '../evaluate/holdings';
import type { PrincipalPolicies } from '../evaluate/principalPolicies';
import type { ActionScope, EscalationMethod } from './ruleSet';

export interface MethodHit {
  method: EscalationMethod;
  grants: Grant[];
}

export interface EscalationScopes {
  /** Customer-managed policies attached to the principal or a role it can assume (read only when needed, so it may be a getter). */
  readonly ownPolicies: string[];
  /** Customer-managed policies attached to any role in the model. */
  rolePolicies: string[];
}

function targetFor(scope: ActionScope | undefined, scopes: EscalationScopes): GrantTarget {
  if (scope === 'own-policy') return { arns: scopes.ownPolicies };
  if (scope === 'role-policy') return { arns: scopes.rolePolicies };
  if (scope === 'others') return 'others';
  return 'writable';
}

export function customerManaged(arns: Iterable<string>): string[] {
  return [...new Set([...arns].filter(a => !isAwsManagedPolicyArn(a)))];
}

/** The methods a principal can use on its own: every required action granted on an exploitable scope, across all its policies. */
export function escalationMethodsOf(
  pp: PrincipalPolicies,
  methods: EscalationMethod[],
  scopes: EscalationScopes,
  universe: ActionUniverse,
  catalog: ActionCatalog,
): MethodHit[] {
  const hits: MethodHit[] = [];
  for (const method of methods) {
    const grants: Grant[] = [];
    for (const action of method.actions) {
      const g = grantForPattern(pp, action, () => targetFor(method.scopes?.[action.toLowerCase()], scopes), universe, catalog);
      if (!g) break;
      grants.push(g);
    }
    if (grants.length === method.actions.length) hits.push({ method, grants });
  }
  return hits;
}
