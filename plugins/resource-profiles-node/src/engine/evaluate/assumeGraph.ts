import type { ConditionBlock, Principal } from '../model';
import { hasBit } from './actionUniverse';
import { conditionContextFor } from './principalPolicies';
import { findGrant, type Grant } from './decide';
import type { PrincipalPolicies } from './principalPolicies';
import { trustAllows, trustAudience } from './trust';

export interface AssumeEdge {
  role: Principal;
  conditional: boolean;
  conditions: ConditionBlock[];
  grant: Grant;
}

export interface Reach {
  role: Principal;
  /** Principal ARNs from the start to the role, both included. */
  chain: string[];
  conditional: boolean;
  conditions: ConditionBlock[];
}

/**
 * Who can assume which role: the role's trust policy must let the caller in AND the caller's
 * own policies must allow sts:AssumeRole on the role (both three-valued).
 */
export function buildAssumeEdges(
  roles: Principal[],
  policies: Map<string, PrincipalPolicies>,
  assumeIndex: number,
  now: Date,
): Map<string, AssumeEdge[]> {
  const byArn = new Map<string, Principal[]>();
  const byAccount = new Map<string, Principal[]>();
  const open: Principal[] = [];
  const push = (m: Map<string, Principal[]>, k: string, r: Principal) => {
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  };
  for (const role of roles) {
    const audience = trustAudience(role);
    if (audience.anyone) open.push(role);
    for (const a of audience.accounts) push(byAccount, a, role);
    for (const a of audience.arns) push(byArn, a, role);
  }

  const edges = new Map<string, AssumeEdge[]>();
  if (assumeIndex < 0) return edges;
  for (const pp of policies.values()) {
    const caller = pp.principal;
    if (!hasBit(pp.allowBits, assumeIndex)) continue;
    const candidates = new Set<Principal>([...(byArn.get(caller.arn) ?? []), ...(byAccount.get(caller.accountId) ?? []), ...open]);
    const ctx = conditionContextFor(caller, now);
    const out: AssumeEdge[] = [];
    for (const role of candidates) {
      if (role.arn === caller.arn) continue;
      const grant = findGrant(pp, assumeIndex, 'sts:AssumeRole', { arns: [role.arn] });
      if (!grant) continue;
      const trust = trustAllows(role, caller, ctx);
      if (trust.truth === 'false') continue;
      const conditions = [...grant.conditions, ...trust.conditions];
      out.push({ role, grant, conditional: grant.conditional || trust.truth === 'unknown', conditions });
    }
    if (out.length) edges.set(caller.arn, out.sort((a, b) => (a.role.arn < b.role.arn ? -1 : 1)));
  }
  return edges;
}

/** Breadth-first: the shortest chain to every role reachable from a principal, ordered by length then ARN so results do not depend on input order. */
export function reachableRoles(start: Principal, edges: Map<string, AssumeEdge[]>, maxDepth = 6): Reach[] {
  const seen = new Map<string, Reach>();
  let frontier: Reach[] = [{ role: start, chain: [start.arn], conditional: false, conditions: [] }];
  for (let depth = 0; depth < maxDepth && frontier.length; depth++) {
    const next: Reach[] = [];
    for (const r of frontier) {
      for (const e of edges.get(r.role.arn) ?? []) {
        if (e.role.arn === start.arn || seen.has(e.role.arn)) continue;
        const reach: Reach = {
          role: e.role,
          chain: [...r.chain, e.role.arn],
          conditional: r.conditional || e.conditional,
          conditions: e.conditional ? [...r.conditions, ...e.conditions] : r.conditions,
        };
        seen.set(e.role.arn, reach);
        next.push(reach);
      }
    }
    frontier = next;
  }
  return [...seen.values()];
}
