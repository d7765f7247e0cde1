import { catalogResourceTypesOf, kindFromArn, parseArn } from './arn';
import { accessLevels, type AccessLevel, type ActionCatalog } from './catalog/actionCatalog';
import type { ReachSet } from './evaluate/assumeGraph';
import { denyCondition } from './evaluate/conditions';
import { compileResourcePattern, hasWildcard } from './evaluate/patterns';
import { limitsOf, type AppliedStatement, type CompiledStatement, type PrincipalPolicies } from './evaluate/principalPolicies';
import type { CloudResource, ConditionBlock, PolicyDocument } from './model';
import type { RoleMapping } from './result';
import { principalArnOf, type ExposedResource } from './rules/resourcePolicy';

const sampleSize = 5;

function byArn(a: CloudResource, b: CloudResource): number {
  if (a.arn === b.arn) return 0;
  return a.arn < b.arn ? -1 : 1;
}

/**
 * Resources matched by ARN patterns, cached per pattern. A wildcard pattern only tests the
 * resources whose ARN starts with its literal prefix (found by binary search), so matching
 * many scoped patterns stays near-linear in the number of resources.
 */
export class ResourceMatcher {
  private readonly byArn = new Map<string, CloudResource[]>();
  private readonly serviceOf = new Map<CloudResource, string>();
  /** Position in the service-grouped order results are reported in. */
  private readonly position = new Map<CloudResource, number>();
  private readonly sorted: CloudResource[];
  private readonly cache = new Map<string, CloudResource[]>();

  constructor(resources: CloudResource[]) {
    const byService = new Map<string, CloudResource[]>();
    for (const r of resources) {
      const same = this.byArn.get(r.arn);
      if (same) same.push(r);
      else this.byArn.set(r.arn, [r]);
      const service = parseArn(r.arn)?.service ?? '';
      this.serviceOf.set(r, service);
      const list = byService.get(service);
      if (list) list.push(r);
      else byService.set(service, [r]);
    }
    for (const list of byService.values()) for (const r of list) this.position.set(r, this.position.size);
    this.sorted = [...resources].sort(byArn);
  }

  private last(arn: string): CloudResource | undefined {
    const same = this.byArn.get(arn);
    return same?.[same.length - 1];
  }

  match(pattern: string): CloudResource[] {
    let out = this.cache.get(pattern);
    if (out) return out;
    out = [];
    if (!hasWildcard(pattern)) {
      const exact = this.last(pattern) ?? this.last(pattern.split('/')[0]);
      if (exact && (exact.arn === pattern || exact.type === 's3-bucket')) out.push(exact);
    } else {
      const service = pattern.split(':')[2];
      const pool = service && !hasWildcard(service) ? service : undefined;
      const m = compileResourcePattern(pattern);
      const hit = (r: CloudResource) => (pool === undefined || this.serviceOf.get(r) === pool) && (m(r.arn) || (r.type === 's3-bucket' && (pattern.startsWith(`${r.arn}/`) || m(`${r.arn}/`))));
      // A match starts with the pattern's literal prefix, or (buckets) is a prefix of the pattern ending before a `/`.
      const prefix = pattern.slice(0, pattern.search(/[*?]/));
      const found = new Set<CloudResource>();
      for (let i = this.lowerBound(prefix); i < this.sorted.length && this.sorted[i].arn.startsWith(prefix); i++) {
        if (hit(this.sorted[i])) found.add(this.sorted[i]);
      }
      for (let k = pattern.indexOf('/'); k >= 0; k = pattern.indexOf('/', k + 1)) {
        for (const r of this.byArn.get(pattern.slice(0, k)) ?? []) if (hit(r)) found.add(r);
      }
      out = [...found].sort((a, b) => this.position.get(a)! - this.position.get(b)!);
    }
    this.cache.set(pattern, out);
    return out;
  }

  private lowerBound(prefix: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid].arn < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

interface Target {
  resourceArn: string;
  accountId: string;
  service?: string;
  kind?: string;
  /** `resourceArn|accountId`, the start of this target's bucket keys. */
  key: string;
  /** `service|kind`: what narrows a statement's actions on this target. */
  classKey: string;
}

function makeTarget(resourceArn: string, accountId: string, service?: string, kind?: string): Target {
  return { resourceArn, accountId, service, kind, key: `${resourceArn}|${accountId}`, classKey: `${service ?? ''}|${kind ?? ''}` };
}

/** A sorted list of catalog action ids, numbered so combinations of lists can be cached by key. */
interface IdList {
  serial: number;
  ids: Int32Array;
  /** The same ids as a bitset over the catalog, made when first needed. */
  bits?: Uint32Array;
}

/** Whether `pattern` names something under `arn` (`arn/…`), without building `arn/`. */
function isBelow(pattern: string, arn: string): boolean {
  return pattern.length > arn.length && pattern.charCodeAt(arn.length) === 47 && pattern.startsWith(arn);
}

function markAll(mark: Uint8Array, ids: Int32Array, bit: number): void {
  for (let k = 0; k < ids.length; k++) mark[ids[k]] |= bit;
}

function clearAll(mark: Uint8Array, ids: Int32Array): void {
  for (let k = 0; k < ids.length; k++) mark[ids[k]] = 0;
}

/** Counts one more limit allowing each id that every earlier limit allowed (`passed[id] === level`). */
function passAll(passed: Uint8Array, ids: Int32Array, level: number): void {
  for (let k = 0; k < ids.length; k++) if (passed[ids[k]] === level) passed[ids[k]] = level + 1;
}

function popcount(words: Uint32Array): number {
  let n = 0;
  for (let w = 0; w < words.length; w++) {
    let v = words[w];
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    n += (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
  }
  return n;
}

/** The rows of one (resource, principal, access level, path) before counts are known. */
interface Bucket {
  resourceArn: string;
  accountId: string;
  accessLevel: AccessLevel;
  path: RoleMapping['path'];
  /** `kind|via`: paths with equal keys share buckets. */
  pathKey: string;
  conditional: boolean;
  conditions?: ConditionBlock[];
  lists: IdList[];
}

/** Adds a list of actions to a bucket: an unconditional path to the same access wins over a conditional one. */
function addTo(bucket: Bucket, ids: IdList, conditions: ConditionBlock[] | undefined): void {
  if (conditions === undefined && bucket.conditional) {
    bucket.conditional = false;
    bucket.conditions = undefined;
  }
  bucket.lists.push(ids);
}

/** No lists (read-only). */
const noLists: IdList[] = [];
const noDenies: AppliedStatement[] = [];

/** Access-level splits of one statement's actions in one context (target class, denies, limits). */
type Split = [AccessLevel, IdList][];

export interface RoleMappingOptions {
  /**
   * Share work between principals (default true): action lists are interned, the access-level
   * split of a statement is computed once per (target class, denies, limits) and counts once
   * per combination of lists. `false` computes every row from scratch; the results are equal.
   */
  share?: boolean;
}

/**
 * Who holds which access level on which resource (and account-wide), aggregated per
 * (resource, principal, access level, path) so the output stays bounded.
 *
 * Rows come out in a fixed order: every principal's own rows (direct and group) in the order
 * the principals were added, then the rows inherited through assumed roles, then those that
 * resource policies give. A principal's own rows depend only on its own statements, so they
 * are final when `addPrincipal` returns.
 */
export class RoleMappingBuilder {
  private readonly share: boolean;
  private readonly statementLists: IdList[] = [];
  private readonly internedLists = new Map<string, IdList>();
  private serial = 0;
  private readonly kindMasks = new Map<string, Uint8Array>();
  private readonly splits = new Map<string, Split>();
  /** Counts and samples per list combination; rows share the sample arrays (read-only). */
  private readonly unions = new Map<string | number, { count: number; sample: string[] }>();
  private readonly levelOf: Uint8Array;
  private readonly serviceOf: Int32Array;
  private readonly serviceIds = new Map<string, number>();
  private readonly targets = new Map<CloudResource, Target>();
  /** By the statement's resource list, which statements applied the same way share. */
  private readonly scopedTargets = new WeakMap<string[], Target[]>();
  private readonly accountWide = new Map<string, Target[]>();
  private readonly mark: Uint8Array;
  /** Per catalog id during a split: how many limits (boundary, SCP levels) allow it so far. */
  private readonly passed: Uint8Array;
  private readonly own: RoleMapping[][] = [];
  private readonly assumed: RoleMapping[][] = [];
  private readonly viaResourcePolicies: RoleMapping[] = [];
  private readonly perPrincipal = new Map<string, RoleMapping[]>();
  /** Each principal's own buckets, whose lists say which actions its rows hold. */
  private readonly ownBuckets = new Map<string, Bucket[]>();

  constructor(
    private readonly catalog: ActionCatalog,
    private readonly resources: ResourceMatcher,
    options: RoleMappingOptions = {},
  ) {
    this.share = options.share !== false;
    this.levelOf = new Uint8Array(catalog.size);
    this.serviceOf = new Int32Array(catalog.size);
    this.mark = new Uint8Array(catalog.size);
    this.passed = new Uint8Array(catalog.size);
    for (const a of catalog.actions) {
      this.levelOf[a.id] = accessLevels.indexOf(a.accessLevel);
      this.serviceOf[a.id] = this.serviceId(a.service);
    }
  }

  private serviceId(service: string): number {
    let id = this.serviceIds.get(service);
    if (id === undefined) {
      id = this.serviceIds.size;
      this.serviceIds.set(service, id);
    }
    return id;
  }

  private list(ids: Int32Array): IdList {
    return { serial: this.serial++, ids };
  }

  private bitsOf(l: IdList): Uint32Array {
    if (!l.bits) {
      l.bits = new Uint32Array((this.catalog.size + 31) >>> 5);
      const ids = l.ids;
      for (let k = 0; k < ids.length; k++) l.bits[ids[k] >>> 5] |= 1 << (ids[k] & 31);
    }
    return l.bits;
  }

  private idsOf(st: CompiledStatement): IdList {
    let list: IdList | undefined = this.statementLists[st.id];
    if (list) return list;
    const key = st.actionKey;
    list = this.share ? this.internedLists.get(key) : undefined;
    if (!list) {
      let ids: Int32Array;
      if (!st.notAction && st.actionPatterns.length === 1) ids = this.catalog.expand(st.actionPatterns[0]);
      else {
        const set = new Uint8Array(this.catalog.size);
        for (const p of st.actionPatterns) for (const id of this.catalog.expand(p)) set[id] = 1;
        const out: number[] = [];
        for (let id = 0; id < set.length; id++) if (set[id] !== (st.notAction ? 1 : 0)) out.push(id);
        ids = Int32Array.from(out);
      }
      list = this.list(ids);
      if (this.share) this.internedLists.set(key, list);
    }
    this.statementLists[st.id] = list;
    return list;
  }

  private kindMask(kind: string): Uint8Array | undefined {
    const types = catalogResourceTypesOf[kind];
    if (!types) return undefined;
    let mask = this.kindMasks.get(kind);
    if (!mask) {
      mask = new Uint8Array(this.catalog.size);
      const actions = this.catalog.actions;
      for (let k = 0; k < actions.length; k++) if (actions[k].resourceTypes.some(t => types.includes(t))) mask[actions[k].id] = 1;
      this.kindMasks.set(kind, mask);
    }
    return mask;
  }

  private targetsOf(a: AppliedStatement, accountId: string): Target[] {
    if (a.st.notResource || a.resources.includes('*')) {
      let wide = this.accountWide.get(accountId);
      if (!wide) this.accountWide.set(accountId, (wide = [makeTarget('*', accountId)]));
      return wide;
    }
    // Shared statements (managed and group policies) reach many principals: match them once.
    let out = this.scopedTargets.get(a.resources);
    if (out) return out;
    out = [];
    for (const p of a.resources) {
      for (const r of this.resources.match(p)) {
        let t = this.targets.get(r);
        if (!t) this.targets.set(r, (t = makeTarget(r.arn, r.accountId, parseArn(r.arn)?.service, r.type)));
        out.push(t);
      }
    }
    this.scopedTargets.set(a.resources, out);
    return out;
  }

  private appliesTo(a: AppliedStatement, t: Target): boolean {
    if (t.resourceArn === '*') return a.st.notResource ? !a.resources.includes('*') : a.resources.includes('*');
    const hit = a.resources.some(r => compileResourcePattern(r)(t.resourceArn) || isBelow(r, t.resourceArn));
    return a.st.notResource ? !hit : hit;
  }

  /**
   * The allowed actions of one statement on one target, split by access level: the statement's
   * actions, narrowed to the target's service and resource kind, intersected with what each
   * limit allows (`bounded`: one list of Allow lists per limit) and without the unconditionally
   * denied ones.
   */
  private split(all: IdList, target: Target, removed: IdList[], bounded: IdList[][] | undefined): Split {
    let key: string | undefined;
    if (this.share) {
      const serials = (lists: IdList[]) => {
        if (lists.length <= 1) return lists.length ? String(lists[0].serial) : '';
        return [...new Set(lists.map(l => l.serial))].sort((a, b) => a - b).join(',');
      };
      key = `${all.serial}|${target.classKey}|${serials(removed)}|${bounded ? bounded.map(serials).join('/') : '-'}`;
      const hit = this.splits.get(key);
      if (hit) return hit;
    }
    const service = target.service ? this.serviceIds.get(target.service) ?? -1 : undefined;
    const mask = target.kind ? this.kindMask(target.kind) : undefined;
    const mark = this.mark;
    const passed = this.passed;
    const limits = bounded?.length ?? 0;
    // Indexed loops: in code not yet optimised, for-of over typed arrays allocates per element.
    for (const l of removed) markAll(mark, l.ids, 1);
    for (let level = 0; level < limits; level++) for (const l of bounded![level]) passAll(passed, l.ids, level);
    // The kept ids with their levels, then one typed list per level (ascending, like `all`).
    const kept = new Int32Array(all.ids.length);
    const keptLevel = new Uint8Array(all.ids.length);
    const perLevel = new Int32Array(accessLevels.length);
    let n = 0;
    const allIds = all.ids;
    for (let k = 0; k < allIds.length; k++) {
      const id = allIds[k];
      if (service !== undefined && this.serviceOf[id] !== service) continue;
      if (mask && mask[id] !== 1) continue;
      if (passed[id] !== limits) continue;
      if (mark[id] !== 0) continue;
      kept[n] = id;
      keptLevel[n] = this.levelOf[id];
      perLevel[keptLevel[n]]++;
      n++;
    }
    for (const l of removed) clearAll(mark, l.ids);
    if (bounded) for (const layer of bounded) for (const l of layer) clearAll(passed, l.ids);
    const out: Split = [];
    for (let level = 0; level < accessLevels.length; level++) {
      if (perLevel[level] === 0) continue;
      const ids = new Int32Array(perLevel[level]);
      for (let k = 0, j = 0; k < n; k++) if (keptLevel[k] === level) ids[j++] = kept[k];
      out.push([accessLevels[level], this.list(ids)]);
    }
    if (key !== undefined) this.splits.set(key, out);
    return out;
  }

  /** Adds the mappings a principal holds through its own policies (direct and group). */
  addPrincipal(pp: PrincipalPolicies): void {
    const principal = pp.principal;
    const denies = pp.denies;
    // Buckets in creation order, and by target key (`resource|account`) to find them again: the
    // key strings are built once per target, so lookups need no new string.
    const buckets: Bucket[] = [];
    const byTarget = new Map<string, Bucket[]>();
    for (const allow of pp.identity) {
      if (allow.st.effect !== 'Allow') continue;
      const all = this.idsOf(allow.st);
      if (all.ids.length === 0) continue;
      const path = allow.policy.path;
      const pathKey = `${path.kind}|${path.via.join(',')}`;
      for (const target of this.targetsOf(allow, principal.accountId)) {
        const allowConditions: ConditionBlock[] | undefined = allow.unknown ? [allow.unknown] : undefined;
        let removed = noLists;
        let maybeDenied: AppliedStatement[] | undefined;
        let onResource = noDenies;
        if (pp.resourceDenies) onResource = target.resourceArn === '*' ? pp.resourceDenies.onAccount() : pp.resourceDenies.on(target.resourceArn);
        for (const d of onResource.length ? [...denies, ...onResource] : denies) {
          if (!this.appliesTo(d, target)) continue;
          if (d.truth === 'unknown') (maybeDenied ??= []).push(d);
          else {
            if (removed === noLists) removed = [];
            removed.push(this.idsOf(d.st));
          }
        }
        let bounded: IdList[][] | undefined;
        const limits = limitsOf(pp, allow);
        if (limits) {
          bounded = [];
          for (const limit of limits) {
            const allowing: IdList[] = [];
            for (const b of limit) if (b.st.effect === 'Allow' && this.appliesTo(b, target)) allowing.push(this.idsOf(b.st));
            bounded.push(allowing);
          }
        }
        const split = this.split(all, target, removed, bounded);
        if (split.length === 0) continue;
        let same = byTarget.get(target.key);
        if (!same) byTarget.set(target.key, (same = []));
        for (const [level, ids] of split) {
          const conditions = maybeDenied ? this.withDenyConditions(allowConditions, maybeDenied, ids) : allowConditions;
          let bucket: Bucket | undefined;
          for (let k = 0; k < same.length && !bucket; k++) if (same[k].accessLevel === level && same[k].pathKey === pathKey) bucket = same[k];
          if (!bucket) {
            bucket = {
              resourceArn: target.resourceArn,
              accountId: target.accountId,
              accessLevel: level,
              path,
              pathKey,
              conditional: conditions !== undefined,
              conditions,
              lists: [],
            };
            same.push(bucket);
            buckets.push(bucket);
          }
          addTo(bucket, ids, conditions);
        }
      }
    }
    const rows: RoleMapping[] = [];
    for (const b of buckets) rows.push(this.rowOf(b, principal.arn));
    this.own.push(rows);
    this.perPrincipal.set(principal.arn, rows);
    this.ownBuckets.set(principal.arn, buckets);
  }

  /** `conditions` plus, as `{ Deny: … }` blocks, the conditions of the Denies that name any of `ids` (a Deny of other actions leaves them alone). */
  private withDenyConditions(conditions: ConditionBlock[] | undefined, denies: AppliedStatement[], ids: IdList): ConditionBlock[] | undefined {
    let out = conditions;
    for (const d of denies) {
      const denied = this.bitsOf(this.idsOf(d.st));
      let hit = false;
      for (let k = 0; k < ids.ids.length && !hit; k++) hit = (denied[ids.ids[k] >>> 5] & (1 << (ids.ids[k] & 31))) !== 0;
      if (!hit) continue;
      if (out === conditions) out = conditions ? [...conditions] : [];
      out!.push(denyCondition(d.unknown!));
    }
    return out;
  }

  /** The ids of any of `lists`, as a new bitset. */
  private orBits(lists: IdList[]): Uint32Array {
    const acc = new Uint32Array(this.bitsOf(lists[0]));
    for (let j = 1; j < lists.length; j++) {
      const b = this.bitsOf(lists[j]);
      for (let w = 0; w < acc.length; w++) acc[w] |= b[w];
    }
    return acc;
  }

  /** Size and first actions of the ordered union of id lists (each list ascending, the union in list order). */
  private union(lists: IdList[]): { count: number; sample: string[] } {
    const distinct = lists.length === 1 || (lists.length === 2 && lists[0] === lists[1]) ? [lists[0]] : [...new Set(lists)];
    let key: string | number | undefined;
    if (this.share) key = distinct.length === 1 ? distinct[0].serial : distinct.map(l => l.serial).join(',');
    if (key !== undefined) {
      const hit = this.unions.get(key);
      if (hit) return hit;
    }
    let out: { count: number; sample: string[] };
    if (distinct.length === 1) {
      const ids = distinct[0].ids;
      const sample: string[] = [];
      for (let k = 0; k < ids.length && k < sampleSize; k++) sample.push(this.catalog.actions[ids[k]].name);
      out = { count: ids.length, sample };
    } else if (this.share) {
      // Bitsets: the count is the population of the OR; the sample walks the lists in order,
      // taking ids no earlier list holds, until it has enough.
      const acc = this.orBits(distinct);
      const sample: string[] = [];
      for (let j = 0; j < distinct.length && sample.length < sampleSize; j++) {
        const ids = distinct[j].ids;
        for (let k = 0; k < ids.length && sample.length < sampleSize; k++) {
          const id = ids[k];
          let earlier = false;
          for (let p = 0; p < j && !earlier; p++) earlier = (this.bitsOf(distinct[p])[id >>> 5] & (1 << (id & 31))) !== 0;
          if (!earlier) sample.push(this.catalog.actions[id].name);
        }
      }
      out = { count: popcount(acc), sample };
    } else {
      const mark = this.mark;
      const merged: number[] = [];
      for (const l of distinct) for (const id of l.ids) if (!mark[id]) { mark[id] = 1; merged.push(id); }
      for (const id of merged) mark[id] = 0;
      const sample: string[] = [];
      for (let k = 0; k < merged.length && k < sampleSize; k++) sample.push(this.catalog.actions[merged[k]].name);
      out = { count: merged.length, sample };
    }
    if (key !== undefined) this.unions.set(key, out);
    return out;
  }

  /**
   * Adds what a principal holds through the roles it can assume, up to `limit` mappings. Each
   * row repeats one of the role's own rows (same counts) with the chain as its path.
   */
  addAssumed(principalArn: string, reach: ReachSet, limit: number): boolean {
    let added = 0;
    const rows: RoleMapping[] = [];
    this.assumed.push(rows);
    for (let k = 0; k < reach.length; k++) {
      const roleRows = this.perPrincipal.get(reach.role(k).arn);
      if (!roleRows?.length) continue;
      // The path and the chain's conditions are shared by every principal that shares the search.
      const path = reach.assumedPath(k);
      const conditional = reach.isConditional(k);
      const chainConditions = conditional ? reach.conditionsOf(k) : undefined;
      // Rows of one role share condition lists; so do their copies.
      const joined = conditional ? new Map<ConditionBlock[] | undefined, ConditionBlock[]>() : undefined;
      for (const m of roleRows) {
        if (added >= limit) return false;
        let conditions = joined ? joined.get(m.conditions) : m.conditions ?? [];
        if (!conditions) joined!.set(m.conditions, (conditions = m.conditions ? [...m.conditions, ...chainConditions!] : chainConditions!));
        rows.push({
          resourceArn: m.resourceArn,
          accountId: m.accountId,
          principalArn,
          accessLevel: m.accessLevel,
          path,
          conditional: conditions.length > 0,
          conditions: conditions.length ? conditions : undefined,
          actionCount: m.actionCount,
          sampleActions: m.sampleActions,
        });
        added++;
      }
    }
    return true;
  }

  /**
   * Adds what a resource policy gives the principals outside its account it lets in, on its
   * resource: per principal and access level, the union over its Allows of their actions narrowed
   * to the resource's kind, without those an unconditional Deny of the policy takes away for that
   * principal. As with identity policies, an unconditional Allow wins over conditional ones.
   */
  addResourcePolicy(exposed: ExposedResource, compile: (document: PolicyDocument) => CompiledStatement[]): void {
    const statements = compile(exposed.rp.document);
    const { rp, resource, exposures } = exposed;
    let target = resource ? this.targets.get(resource) : undefined;
    if (!target) {
      const parsed = parseArn(rp.resourceArn);
      target = makeTarget(rp.resourceArn, resource?.accountId ?? parsed?.accountId ?? '', parsed?.service, resource?.type ?? kindFromArn(rp.resourceArn));
      if (resource) this.targets.set(resource, target);
    }
    const path = { kind: 'resource-policy' as const, via: [rp.name] };
    const buckets = new Map<string, Bucket & { principalArn: string }>();
    for (const e of [...exposures.anyone, ...exposures.otherAccounts]) {
      const principalArn = principalArnOf(e.principal);
      const removed = e.deniedBy.map(d => this.idsOf(compile(d.document)[d.statementIndex]));
      for (const [level, ids] of this.split(this.idsOf(statements[e.statementIndex]), target, removed, undefined)) {
        const key = `${principalArn}|${level}`;
        const conditions = e.conditions.length ? e.conditions : undefined;
        let bucket = buckets.get(key);
        if (!bucket) buckets.set(key, (bucket = { principalArn, resourceArn: rp.resourceArn, accountId: target.accountId, accessLevel: level, path, pathKey: '', conditional: !!conditions, conditions, lists: [] }));
        addTo(bucket, ids, conditions);
      }
    }
    for (const b of buckets.values()) {
      // A principal of another account that the inputs describe needs its own policies to allow it too.
      const identity = this.ownBuckets.get(b.principalArn);
      const row = identity ? this.bothAllow(b, identity) : this.rowOf(b, b.principalArn);
      if (row) this.viaResourcePolicies.push(row);
    }
  }

  /**
   * The row of what a resource policy's bucket gives a principal and the principal's own policies
   * allow as well (on the resource, or on every resource); none when they share no action. Its
   * conditions are both sides'.
   */
  private bothAllow(b: Bucket & { principalArn: string }, identity: Bucket[]): RoleMapping | undefined {
    const own = identity.filter(i => i.accessLevel === b.accessLevel && (i.resourceArn === b.resourceArn || i.resourceArn === '*'));
    if (!own.length) return undefined;
    const allowed = this.orBits(own.flatMap(i => i.lists));
    const both = this.orBits(b.lists);
    for (let w = 0; w < both.length; w++) both[w] &= allowed[w];
    const count = popcount(both);
    if (count === 0) return undefined;
    const sample: string[] = [];
    for (const l of b.lists) {
      for (let k = 0; k < l.ids.length && sample.length < sampleSize; k++) {
        const name = this.catalog.actions[l.ids[k]].name;
        if ((both[l.ids[k] >>> 5] & (1 << (l.ids[k] & 31))) !== 0 && !sample.includes(name)) sample.push(name);
      }
    }
    // The principal's own grant is conditional only when every path to it is.
    const ownConditions = own.every(i => i.conditional) ? own[0].conditions ?? [] : [];
    const conditions = [...(b.conditions ?? []), ...ownConditions];
    return {
      resourceArn: b.resourceArn,
      accountId: b.accountId,
      principalArn: b.principalArn,
      accessLevel: b.accessLevel,
      path: b.path,
      conditional: b.conditional || own.every(i => i.conditional),
      conditions: conditions.length ? conditions : undefined,
      actionCount: count,
      sampleActions: sample,
    };
  }

  /** A bucket's row, its count and sample from the union of its lists. */
  private rowOf(b: Bucket, principalArn: string): RoleMapping {
    const { count, sample } = this.union(b.lists);
    return {
      resourceArn: b.resourceArn,
      accountId: b.accountId,
      principalArn,
      accessLevel: b.accessLevel,
      path: b.path,
      conditional: b.conditional,
      conditions: b.conditions,
      actionCount: count,
      sampleActions: sample,
    };
  }

  build(): RoleMapping[] {
    let total = this.viaResourcePolicies.length;
    for (const rows of this.own) total += rows.length;
    for (const rows of this.assumed) total += rows.length;
    // Sized once: pushing 10^6 rows would copy the growing array again and again.
    const out = new Array<RoleMapping>(total);
    let n = 0;
    for (const rows of this.own) for (let k = 0; k < rows.length; k++) out[n++] = rows[k];
    for (const rows of this.assumed) for (let k = 0; k < rows.length; k++) out[n++] = rows[k];
    for (const row of this.viaResourcePolicies) out[n++] = row;
    return out;
  }
}
