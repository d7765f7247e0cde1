import type { ConditionBlock, Principal } from '../model';
import { hasBit } from './actionUniverse';
import { conditionContextFor } from './principalPolicies';
import { grantsOn, type Grant } from './decide';
import type { PrincipalPolicies } from './principalPolicies';
import { trustAllows, trustAudience, trustDecisionKey, type TrustDecision } from './trust';

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

  // A trust decision depends on the caller only through its account and, when the trust policy
  // names it, its ARN (unless a condition reads the caller): callers share decisions by that key.
  const trustCache = new Map<Principal, Map<string, TrustDecision> | null>();
  const decide = (role: Principal, caller: Principal, ctx: ReturnType<typeof conditionContextFor>): TrustDecision => {
    let cache = trustCache.get(role);
    if (cache === undefined) {
      cache = trustDecisionKey(role, caller) === undefined ? null : new Map();
      trustCache.set(role, cache);
    }
    if (!cache) return trustAllows(role, caller, ctx);
    const key = trustDecisionKey(role, caller)!;
    let decision = cache.get(key);
    if (!decision) {
      decision = trustAllows(role, caller, ctx);
      cache.set(key, decision);
    }
    return decision;
  };

  const edges = new Map<string, AssumeEdge[]>();
  if (assumeIndex < 0) return edges;
  for (const pp of policies.values()) {
    const caller = pp.principal;
    if (!hasBit(pp.allowBits, assumeIndex)) continue;
    const candidates = new Set<Principal>([...(byArn.get(caller.arn) ?? []), ...(byAccount.get(caller.accountId) ?? []), ...open]);
    const ctx = conditionContextFor(caller, now);
    const grantOn = grantsOn(pp, assumeIndex, 'sts:AssumeRole');
    const out: AssumeEdge[] = [];
    for (const role of candidates) {
      if (role.arn === caller.arn) continue;
      const grant = grantOn(role.arn);
      if (!grant) continue;
      const trust = decide(role, caller, ctx);
      if (trust.truth === 'false') continue;
      const conditions = [...grant.conditions, ...trust.conditions];
      out.push({ role, grant, conditional: grant.conditional || trust.truth === 'unknown', conditions });
    }
    if (out.length) edges.set(caller.arn, out.sort((a, b) => (a.role.arn < b.role.arn ? -1 : 1)));
  }
  return edges;
}

/** A role reached from a start principal; the chain is built when first asked for. */
class ReachStep implements Reach {
  private built?: string[];
  constructor(
    readonly role: Principal,
    private readonly from: ReachStep | string,
    readonly conditional: boolean,
    readonly conditions: ConditionBlock[],
  ) {}

  get chain(): string[] {
    this.built ??= typeof this.from === 'string' ? [this.from, this.role.arn] : [...this.from.chain, this.role.arn];
    return this.built;
  }
}

/** The assume-role graph with principals numbered, so a breadth-first search marks visits in a typed array. */
class IndexedGraph {
  readonly ids = new Map<string, number>();
  readonly targets: Int32Array[] = [];
  readonly out: AssumeEdge[][] = [];
  readonly stamps: Int32Array;
  stamp = 0;

  constructor(edges: Map<string, AssumeEdge[]>) {
    const id = (arn: string) => {
      let n = this.ids.get(arn);
      if (n === undefined) {
        n = this.ids.size;
        this.ids.set(arn, n);
      }
      return n;
    };
    for (const [arn, list] of edges) {
      const n = id(arn);
      this.out[n] = list;
      this.targets[n] = Int32Array.from(list, e => id(e.role.arn));
    }
    this.stamps = new Int32Array(this.ids.size);
  }
}

const graphs = new WeakMap<Map<string, AssumeEdge[]>, IndexedGraph>();

/** Breadth-first: the shortest chain to every role reachable from a principal, ordered by length then ARN so results do not depend on input order. */
export function reachableRoles(start: Principal, edges: Map<string, AssumeEdge[]>, maxDepth = 6): Reach[] {
  let g = graphs.get(edges);
  if (!g) {
    g = new IndexedGraph(edges);
    graphs.set(edges, g);
  }
  const startId = g.ids.get(start.arn);
  if (startId === undefined || !g.out[startId]) return [];
  const stamp = ++g.stamp;
  g.stamps[startId] = stamp;
  const found: ReachStep[] = [];
  const none: ConditionBlock[] = [];
  let frontier: { id: number; step?: ReachStep }[] = [{ id: startId }];
  for (let depth = 0; depth < maxDepth && frontier.length; depth++) {
    const next: { id: number; step: ReachStep }[] = [];
    for (const r of frontier) {
      const list = g.out[r.id];
      if (!list) continue;
      const targets = g.targets[r.id];
      const conditional = r.step?.conditional ?? false;
      const conditions = r.step?.conditions ?? none;
      for (let k = 0; k < list.length; k++) {
        const t = targets[k];
        if (g.stamps[t] === stamp) continue;
        g.stamps[t] = stamp;
        const e = list[k];
        const step = new ReachStep(e.role, r.step ?? start.arn, conditional || e.conditional, e.conditional ? [...conditions, ...e.conditions] : conditions);
        found.push(step);
        next.push({ id: t, step });
      }
    }
    frontier = next;
  }
  return found;
}
