import { isAwsManagedPolicyArn } from '../arn';
import type { ActionCatalog } from '../catalog/actionCatalog';
import type { ActionUniverse } from '../evaluate/actionUniverse';
import type { Grant, GrantTarget } from '../evaluate/decide';
import { actionPlan, allowsAny, grantForPlan, type ActionPlan } from '../evaluate/holdings';
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

/** A method with each action's universe plan and scope resolved once per analysis. */
export interface CompiledMethod {
  method: EscalationMethod;
  actions: { plan: ActionPlan; scope?: ActionScope }[];
}

export function compileMethods(methods: EscalationMethod[], universe: ActionUniverse, catalog: ActionCatalog): CompiledMethod[] {
  return methods.map(method => ({
    method,
    actions: method.actions.map(action => ({ plan: actionPlan(action, universe, catalog), scope: method.scopes?.[action.toLowerCase()] })),
  }));
}

function allowsEach(pp: PrincipalPolicies, actions: CompiledMethod['actions']): boolean {
  for (let k = 0; k < actions.length; k++) if (!allowsAny(pp, actions[k].plan)) return false;
  return true;
}

/** Shared by every principal that holds no method (read-only). */
const noHits: MethodHit[] = [];

/** The methods a principal can use on its own: every required action granted on an exploitable scope, across all its policies. */
export function escalationMethodsOf(pp: PrincipalPolicies, methods: CompiledMethod[], scopes: EscalationScopes): MethodHit[] {
  let hits: MethodHit[] | undefined;
  for (const { method, actions } of methods) {
    // Most principals lack most methods: rule them out from the bits before judging any statement.
    if (!allowsEach(pp, actions)) continue;
    const grants: Grant[] = [];
    for (const { plan, scope } of actions) {
      // Policy-scoped targets are lists built on demand: only for principals allowed the action.
      const target = scope === 'own-policy' || scope === 'role-policy' ? () => targetFor(scope, scopes) : targetFor(scope, scopes);
      const g = grantForPlan(pp, plan, target);
      if (!g) break;
      grants.push(g);
    }
    if (grants.length === method.actions.length) (hits ??= []).push({ method, grants });
  }
  return hits ?? noHits;
}

