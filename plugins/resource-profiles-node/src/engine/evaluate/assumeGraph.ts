import type { ConditionBlock, OrganizationTree, Principal } from '../model';
import { hasBit } from './actionUniverse';
import { conditionContextFor } from './principalPolicies';
import { grantsOn, type Grant, type GrantsOn } from './decide';
import type { PrincipalPolicies } from './principalPolicies';
import { trustAllows, trustAudience, trustDecisionKey, trustNamedArns, trustReadsCaller, type TrustDecision } from './trust';

export interface Reach {
  role: Principal;
  /** Principal ARNs from the start to the role, both included. */
  chain: string[];
  conditional: boolean;
  conditions: ConditionBlock[];
}

/** What an edge adds to a chain; shared between edges with the same grant and trust verdict. */
interface EdgeInfo {
  conditional: boolean;
  conditions: ConditionBlock[];
}

/** A caller's edges, ordered by role ARN; callers with the same edges share one object. */
interface Edges {
  roles: Principal[];
  targets: Int32Array;
  infos: EdgeInfo[];
}

const noConditions: ConditionBlock[] = [];

/** The roles reached by one search, in breadth-first order, as parallel arrays (shareable between starts). */
interface ReachData {
  roles: Principal[];
  /** Graph numbers of the roles (see `AssumeGraph.idOf`). */
  nodes: Int32Array;
  parents: Int32Array;
  infos: EdgeInfo[];
  conditional: Uint8Array;
  /** Per-analysis caches keyed by their owner (see `ReachSet.memo`). */
  memo: Map<unknown, unknown>;
  /** Built on demand, shared by every start of the search: paths without the start, and conditions. */
  paths: ({ kind: 'assumed-role'; via: string[] } | undefined)[];
  conditions: (ConditionBlock[] | undefined)[];
}

function reachData(roles: Principal[], parents: Int32Array, infos: EdgeInfo[], nodes: Int32Array): ReachData {
  const conditional = new Uint8Array(roles.length);
  for (let k = 0; k < roles.length; k++) {
    const p = parents[k];
    conditional[k] = (p >= 0 && conditional[p] === 1) || infos[k].conditional ? 1 : 0;
  }
  return { roles, nodes, parents, infos, conditional, memo: new Map(), paths: [], conditions: [] };
}

const emptyReach = reachData([], new Int32Array(0), [], new Int32Array(0));

/**
 * The roles reached from one principal. A `Reach` (with its chain and conditions) is built
 * only for the entries that are used; everything else is read by position.
 */
export class ReachSet {
  private built?: Map<number, Reach>;
  private rootConditions?: ConditionBlock[];

  constructor(
    readonly start: Principal,
    private readonly data: ReachData,
  ) {}

  get length(): number {
    return this.data.roles.length;
  }

  role(k: number): Principal {
    return this.data.roles[k];
  }

  /** The graph number of the k-th role (see `AssumeGraph.idOf`). */
  node(k: number): number {
    return this.data.nodes[k];
  }

  isConditional(k: number): boolean {
    return this.data.conditional[k] === 1;
  }

  /**
   * A value derived from the reached roles alone (not from the start), computed once for all
   * principals that share this search.
   */
  memo<T>(owner: object, compute: () => T): T {
    if (this.data.memo.has(owner)) return this.data.memo.get(owner) as T;
    const value = compute();
    this.data.memo.set(owner, value);
    return value;
  }

  /** The assumed-role path to the k-th role: its chain without the start (the same for every start). */
  assumedPath(k: number): { kind: 'assumed-role'; via: string[] } {
    const d = this.data;
    let path = d.paths[k];
    if (!path) {
      const p = d.parents[k];
      d.paths[k] = path = { kind: 'assumed-role', via: [...(p >= 0 ? this.assumedPath(p).via : []), d.roles[k].arn] };
    }
    return path;
  }

  /** The conditions of the chain to the k-th role (equal to `at(k).conditions`, shared between starts). */
  conditionsOf(k: number): ConditionBlock[] {
    const d = this.data;
    let list = d.conditions[k];
    if (!list) {
      const p = d.parents[k];
      const before = p >= 0 ? this.conditionsOf(p) : noConditions;
      const info = d.infos[k];
      d.conditions[k] = list = info.conditional ? [...before, ...info.conditions] : before;
    }
    return list;
  }

  at(k: number): Reach {
    this.built ??= new Map();
    let r = this.built.get(k);
    if (!r) {
      const d = this.data;
      const p = d.parents[k];
      const parent = p >= 0 ? this.at(p) : undefined;
      const info = d.infos[k];
      const before = parent ? parent.conditions : (this.rootConditions ??= []);
      r = {
        role: d.roles[k],
        chain: [...(parent ? parent.chain : [this.start.arn]), d.roles[k].arn],
        conditional: d.conditional[k] === 1,
        conditions: info.conditional ? [...before, ...info.conditions] : before,
      };
      this.built.set(k, r);
    }
    return r;
  }
}

/**
 * Who can assume which role: the role's trust policy must let the caller in AND the caller's
 * own policies must allow sts:AssumeRole on the role (both three-valued).
 *
 * Principals are numbered so that a breadth-first search marks visits in a typed array. Callers
 * of one account that no trust policy names, whose sts:AssumeRole statements have the same
 * resources and verdicts, get the same edges: they are computed once and shared, and so is the
 * search from them.
 */
export class AssumeGraph {
  private readonly ids = new Map<string, number>();
  private readonly edges: Edges[] = [];
  private isTarget = new Uint8Array(0);
  private stamps = new Int32Array(0);
  private stamp = 0;
  private readonly searches = new WeakMap<Edges, ReachData>();
  private readonly share: boolean;

  constructor(roles: Principal[], policies: Map<string, PrincipalPolicies>, assumeIndex: number, now: Date, options: { share?: boolean; organization?: OrganizationTree } = {}) {
    const share = options.share !== false;
    this.share = share;
    const byArn = new Map<string, Principal[]>();
    const byAccount = new Map<string, Principal[]>();
    const open: Principal[] = [];
    /** Roles whose trust policy names a principal ARN, by that ARN. */
    const namedBy = new Map<string, Set<Principal>>();
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
      for (const a of trustNamedArns(role)) {
        const set = namedBy.get(a);
        if (set) set.add(role);
        else namedBy.set(a, new Set([role]));
      }
    }
    if (assumeIndex < 0) return;

    // A trust decision depends on the caller only through its account and, when the trust policy
    // names it, its ARN (unless a condition reads the caller): callers share decisions by that key.
    const trustCache = new Map<Principal, Map<string, TrustDecision>>();
    const decide = (role: Principal, caller: Principal, ctx: ReturnType<typeof conditionContextFor>): TrustDecision => {
      const key = share ? trustDecisionKey(role, caller) : undefined;
      if (key === undefined) return trustAllows(role, caller, ctx);
      let cache = trustCache.get(role);
      if (!cache) trustCache.set(role, (cache = new Map()));
      let decision = cache.get(key);
      if (!decision) cache.set(key, (decision = trustAllows(role, caller, ctx)));
      return decision;
    };
    const infoCache = new WeakMap<ConditionBlock[], Map<TrustDecision, EdgeInfo>>();
    const infoOf = (grant: Grant, trust: TrustDecision): EdgeInfo => {
      let byTrust = infoCache.get(grant.conditions);
      if (!byTrust) infoCache.set(grant.conditions, (byTrust = new Map()));
      let info = byTrust.get(trust);
      if (!info) {
        const conditions = grant.conditions.length || trust.conditions.length ? [...grant.conditions, ...trust.conditions] : noConditions;
        byTrust.set(trust, (info = { conditional: grant.conditional || trust.truth === 'unknown', conditions }));
      }
      return info;
    };
    const edgesFor = (caller: Principal, candidates: Iterable<Principal>, grants: Pick<GrantsOn, 'on'>, skipSelf: boolean): Edges => {
      const ctx = conditionContextFor(caller, now, options.organization);
      const out: { role: Principal; info: EdgeInfo }[] = [];
      for (const role of candidates) {
        if (skipSelf && role.arn === caller.arn) continue;
        const grant = grants.on(role.arn);
        if (!grant) continue;
        const trust = decide(role, caller, ctx);
        if (trust.truth === 'false') continue;
        out.push({ role, info: infoOf(grant, trust) });
      }
      out.sort((a, b) => (a.role.arn < b.role.arn ? -1 : 1));
      return { roles: out.map(e => e.role), infos: out.map(e => e.info), targets: Int32Array.from(out, e => this.id(e.role.arn)) };
    };

    const readsCaller = new Map<string, boolean>();
    const accountReadsCaller = (account: string) => {
      let reads = readsCaller.get(account);
      if (reads === undefined) {
        reads = [...(byAccount.get(account) ?? []), ...open].some(trustReadsCaller);
        readsCaller.set(account, reads);
      }
      return reads;
    };
    const shared = new Map<string, Edges>();
    // Stands for every caller of an account that no trust policy names (conditions that read the caller excluded).
    const anonymous = (accountId: string): Principal => ({
      arn: '\u0000any caller',
      name: '',
      type: 'user',
      accountId,
      tags: {},
      inlinePolicies: [],
      managedPolicyArns: [],
      groupNames: [],
      source: { file: '' },
    });

    for (const pp of policies.values()) {
      const caller = pp.principal;
      if (!hasBit(pp.allowBits, assumeIndex)) continue;
      const grants = grantsOn(pp, assumeIndex, 'sts:AssumeRole');
      const lists = [byArn.get(caller.arn) ?? [], byAccount.get(caller.accountId) ?? [], open];
      const candidates = () => new Set(lists.flat());
      /** The candidates `keep` accepts, in the same order, without collecting the rest. */
      const candidatesWhere = (keep: (r: Principal) => boolean) => {
        const out = new Set<Principal>();
        for (const list of lists) for (const r of list) if (keep(r)) out.add(r);
        return [...out];
      };
      let edges: Edges;
      if (share && grants.split && !accountReadsCaller(caller.accountId)) {
        // The account's edges for these statements, judged once; then what differs for this
        // caller: itself, the roles its statements name, and the roles whose trust names it
        // (judged for it alone).
        const { arns, common: on } = grants.split;
        const key = `${caller.accountId}\u0000${on.key}`;
        let common = shared.get(key);
        if (!common) shared.set(key, (common = edgesFor(anonymous(caller.accountId), new Set([...(byAccount.get(caller.accountId) ?? []), ...open]), on, false)));
        const naming = namedBy.get(caller.arn);
        const special = (r: Principal) => arns.has(r.arn) || !!naming?.has(r);
        if (naming || arns.size) edges = merge(without(common, r => r.arn === caller.arn || special(r)), edgesFor(caller, candidatesWhere(special), grants, true));
        else edges = common.roles.some(r => r.arn === caller.arn) ? without(common, r => r.arn === caller.arn) : common;
      } else {
        edges = edgesFor(caller, candidates(), grants, true);
      }
      if (edges.roles.length) this.edges[this.id(caller.arn)] = edges;
    }
    this.stamps = new Int32Array(this.ids.size);
    this.isTarget = new Uint8Array(this.ids.size);
    for (let n = 0; n < this.edges.length; n++) {
      const targets = this.edges[n]?.targets;
      if (targets) for (let k = 0; k < targets.length; k++) this.isTarget[targets[k]] = 1;
    }
  }

  private id(arn: string): number {
    let n = this.ids.get(arn);
    if (n === undefined) {
      n = this.ids.size;
      this.ids.set(arn, n);
    }
    return n;
  }

  /** The number of a principal in the graph, if it has edges or is a role someone can assume. */
  idOf(arn: string): number | undefined {
    return this.ids.get(arn);
  }

  /** The roles a principal can assume in one step, ordered by ARN. */
  edgesOf(arn: string): AssumeEdge[] {
    const n = this.ids.get(arn);
    const e = n === undefined ? undefined : this.edges[n];
    return e ? e.roles.map((role, k) => ({ role, ...e.infos[k] })) : [];
  }

  /**
   * Breadth-first: the shortest chain to every role reachable from a principal, ordered by
   * length then ARN so results do not depend on input order.
   */
  reachableRoles(start: Principal, maxDepth = 6): ReachSet {
    const startId = this.ids.get(start.arn);
    const edges = startId === undefined ? undefined : this.edges[startId];
    if (!edges) return new ReachSet(start, emptyReach);
    // A principal no one can assume never meets itself: the search depends on its edges alone.
    const shareable = this.share && this.isTarget[startId!] === 0 && maxDepth === 6;
    let data = shareable ? this.searches.get(edges) : undefined;
    if (!data) {
      data = this.search(startId!, maxDepth);
      if (shareable) this.searches.set(edges, data);
    }
    return new ReachSet(start, data);
  }

  private search(startId: number, maxDepth: number): ReachData {
    const stamp = ++this.stamp;
    const stamps = this.stamps;
    stamps[startId] = stamp;
    const roles: Principal[] = [];
    const parents: number[] = [];
    const infos: EdgeInfo[] = [];
    const nodes: number[] = [];
    // The frontier is the entries [lo, hi); -1 stands for the start itself.
    let lo = -1;
    let hi = 0;
    for (let depth = 0; depth < maxDepth && lo < hi; depth++) {
      for (let r = lo; r < hi; r++) {
        const e = this.edges[r < 0 ? startId : nodes[r]];
        if (!e) continue;
        for (let k = 0; k < e.roles.length; k++) {
          const t = e.targets[k];
          if (stamps[t] === stamp) continue;
          stamps[t] = stamp;
          roles.push(e.roles[k]);
          parents.push(r);
          infos.push(e.infos[k]);
          nodes.push(t);
        }
      }
      lo = hi;
      hi = roles.length;
    }
    return reachData(roles, Int32Array.from(parents), infos, Int32Array.from(nodes));
  }
}

function without(e: Edges, drop: (role: Principal) => boolean): Edges {
  // Unchanged lists stay the same object, so principals with the same edges also share their search.
  if (!e.roles.some(drop)) return e;
  const keep = e.roles.map(r => !drop(r));
  return { roles: e.roles.filter((_, k) => keep[k]), infos: e.infos.filter((_, k) => keep[k]), targets: e.targets.filter((_, k) => keep[k]) };
}

/** Merges two edge lists ordered by role ARN. */
function merge(a: Edges, b: Edges): Edges {
  if (!b.roles.length) return a;
  const out: Edges = { roles: [], infos: [], targets: new Int32Array(a.roles.length + b.roles.length) };
  let i = 0;
  let j = 0;
  while (i < a.roles.length || j < b.roles.length) {
    const fromB = i >= a.roles.length || (j < b.roles.length && b.roles[j].arn < a.roles[i].arn);
    const [e, k] = fromB ? [b, j++] : [a, i++];
    out.targets[out.roles.length] = e.targets[k];
    out.roles.push(e.roles[k]);
    out.infos.push(e.infos[k]);
  }
  return out;
}

export interface AssumeEdge {
  role: Principal;
  conditional: boolean;
  conditions: ConditionBlock[];
}
