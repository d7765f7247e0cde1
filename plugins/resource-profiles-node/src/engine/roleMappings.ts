import { catalogResourceTypesOf, parseArn } from './arn';
import { accessLevels, type AccessLevel, type ActionCatalog } from './catalog/actionCatalog';
import type { Reach } from './evaluate/assumeGraph';
import { compileResourcePattern, hasWildcard } from './evaluate/patterns';
import type { AppliedStatement, CompiledStatement, PrincipalPolicies } from './evaluate/principalPolicies';
import type { CloudResource, ConditionBlock } from './model';
import type { RoleMapping } from './result';

const sampleSize = 5;

/** Resources matched by ARN patterns, cached per pattern. */
export class ResourceMatcher {
  private readonly byArn = new Map<string, CloudResource>();
  private readonly byService = new Map<string, CloudResource[]>();
  private readonly cache = new Map<string, CloudResource[]>();

  constructor(resources: CloudResource[]) {
    for (const r of resources) {
      this.byArn.set(r.arn, r);
      const service = parseArn(r.arn)?.service ?? '';
      const list = this.byService.get(service);
      if (list) list.push(r);
      else this.byService.set(service, [r]);
    }
  }

  match(pattern: string): CloudResource[] {
    let out = this.cache.get(pattern);
    if (out) return out;
    out = [];
    if (!hasWildcard(pattern)) {
      const exact = this.byArn.get(pattern) ?? this.byArn.get(pattern.split('/')[0]);
      if (exact && (exact.arn === pattern || exact.type === 's3-bucket')) out.push(exact);
    } else {
      const service = pattern.split(':')[2];
      const pool = service && !hasWildcard(service) ? this.byService.get(service) ?? [] : [...this.byService.values()].flat();
      const m = compileResourcePattern(pattern);
      for (const r of pool) {
        if (m(r.arn) || (r.type === 's3-bucket' && (pattern.startsWith(`${r.arn}/`) || m(`${r.arn}/`)))) out.push(r);
      }
    }
    this.cache.set(pattern, out);
    return out;
  }
}

interface Target {
  resourceArn: string;
  accountId: string;
  service?: string;
  kind?: string;
}

interface Bucket {
  mapping: Omit<RoleMapping, 'actionCount' | 'sampleActions'>;
  ids: Int32Array[];
}

/**
 * Who holds which access level on which resource (and account-wide), aggregated per
 * (resource, principal, access level, path) so the output stays bounded.
 */
export class RoleMappingBuilder {
  private readonly statementIds = new WeakMap<CompiledStatement, Int32Array>();
  private readonly levelSplits = new WeakMap<Int32Array, Map<AccessLevel, Int32Array>>();
  private readonly kindMasks = new Map<string, Uint8Array>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly perPrincipal = new Map<string, Bucket[]>();

  constructor(
    private readonly catalog: ActionCatalog,
    private readonly resources: ResourceMatcher,
  ) {}

  private idsOf(st: CompiledStatement): Int32Array {
    let ids = this.statementIds.get(st);
    if (ids) return ids;
    if (!st.notAction && st.actionPatterns.length === 1) ids = this.catalog.expand(st.actionPatterns[0]);
    else {
      const set = new Uint8Array(this.catalog.size);
      for (const p of st.actionPatterns) for (const id of this.catalog.expand(p)) set[id] = 1;
      const list: number[] = [];
      for (let id = 0; id < set.length; id++) if (set[id] !== (st.notAction ? 1 : 0)) list.push(id);
      ids = Int32Array.from(list);
    }
    this.statementIds.set(st, ids);
    return ids;
  }

  /** Splits action ids by access level; cached per id list, so shared statements split once. */
  private byLevel(ids: Int32Array): Map<AccessLevel, Int32Array> {
    let split = this.levelSplits.get(ids);
    if (!split) {
      split = new Map();
      for (const level of accessLevels) {
        const levelIds = ids.filter(id => this.catalog.actions[id].accessLevel === level);
        if (levelIds.length) split.set(level, levelIds);
      }
      this.levelSplits.set(ids, split);
    }
    return split;
  }

  private kindMask(kind: string): Uint8Array | undefined {
    const types = catalogResourceTypesOf[kind];
    if (!types) return undefined;
    let mask = this.kindMasks.get(kind);
    if (!mask) {
      mask = new Uint8Array(this.catalog.size);
      for (const a of this.catalog.actions) if (a.resourceTypes.some(t => types.includes(t))) mask[a.id] = 1;
      this.kindMasks.set(kind, mask);
    }
    return mask;
  }

  private targetsOf(a: AppliedStatement, accountId: string): Target[] {
    if (a.st.notResource || a.resources.includes('*')) return [{ resourceArn: '*', accountId }];
    const out: Target[] = [];
    for (const p of a.resources) {
      for (const r of this.resources.match(p)) out.push({ resourceArn: r.arn, accountId: r.accountId, service: parseArn(r.arn)?.service, kind: r.type });
    }
    return out;
  }

  private appliesTo(a: AppliedStatement, t: Target): boolean {
    if (t.resourceArn === '*') return a.st.notResource ? !a.resources.includes('*') : a.resources.includes('*');
    const hit = a.resources.some(r => compileResourcePattern(r)(t.resourceArn) || r.startsWith(`${t.resourceArn}/`));
    return a.st.notResource ? !hit : hit;
  }

  /** Adds the mappings a principal holds through its own policies (direct and group). */
  addPrincipal(pp: PrincipalPolicies): void {
    const principal = pp.principal;
    const denies = pp.identity.filter(a => a.st.effect === 'Deny');
    if (pp.boundary) denies.push(...pp.boundary.filter(a => a.st.effect === 'Deny'));
    const mine: Bucket[] = [];
    for (const allow of pp.identity) {
      if (allow.st.effect !== 'Allow') continue;
      const all = this.idsOf(allow.st);
      if (all.length === 0) continue;
      for (const target of this.targetsOf(allow, principal.accountId)) {
        const conditions: ConditionBlock[] = allow.unknown ? [allow.unknown] : [];
        let ids = all;
        if (target.service) ids = ids.filter(id => this.catalog.actions[id].service === target.service);
        const mask = target.kind ? this.kindMask(target.kind) : undefined;
        if (mask) ids = ids.filter(id => mask[id] === 1);
        const cut = new Uint8Array(0);
        let removed: Uint8Array = cut;
        for (const d of denies) {
          if (!this.appliesTo(d, target)) continue;
          if (d.truth === 'unknown') {
            conditions.push({ Deny: Object.assign({}, ...Object.values(d.unknown ?? {})) });
            continue;
          }
          if (removed === cut) removed = new Uint8Array(this.catalog.size);
          for (const id of this.idsOf(d.st)) removed[id] = 1;
        }
        if (pp.boundary) {
          const allowed = new Uint8Array(this.catalog.size);
          for (const b of pp.boundary) {
            if (b.st.effect !== 'Allow' || !this.appliesTo(b, target)) continue;
            for (const id of this.idsOf(b.st)) allowed[id] = 1;
          }
          ids = ids.filter(id => allowed[id] === 1);
        }
        if (removed !== cut) ids = ids.filter(id => removed[id] !== 1);
        if (ids.length === 0) continue;
        const path = { kind: allow.policy.path.kind, via: allow.policy.path.via };
        for (const [level, levelIds] of this.byLevel(ids)) mine.push(this.add(target, principal.arn, level, path, conditions, levelIds));
      }
    }
    this.perPrincipal.set(principal.arn, [...new Set(mine)]);
  }

  /** Adds what a principal holds through the roles it can assume, up to `limit` mappings. */
  addAssumed(principalArn: string, reach: Reach[], limit: number): boolean {
    let added = 0;
    for (const r of reach) {
      for (const b of this.perPrincipal.get(r.role.arn) ?? []) {
        if (added >= limit) return false;
        const m = b.mapping;
        const conditions = [...(m.conditions ?? []), ...(r.conditional ? r.conditions : [])];
        const target = { resourceArn: m.resourceArn, accountId: m.accountId };
        for (const ids of b.ids) this.add(target, principalArn, m.accessLevel, { kind: 'assumed-role', via: r.chain.slice(1) }, conditions, ids);
        added++;
      }
    }
    return true;
  }

  private add(target: Target, principalArn: string, level: AccessLevel, path: RoleMapping['path'], conditions: ConditionBlock[], ids: Int32Array): Bucket {
    const key = `${target.resourceArn}|${target.accountId}|${principalArn}|${level}|${path.kind}|${path.via.join(',')}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = {
        mapping: { resourceArn: target.resourceArn, accountId: target.accountId, principalArn, accessLevel: level, path, conditional: conditions.length > 0, conditions: conditions.length ? conditions : undefined },
        ids: [],
      };
      this.buckets.set(key, bucket);
    } else if (conditions.length === 0 && bucket.mapping.conditional) {
      // An unconditional path to the same access wins over a conditional one.
      bucket.mapping.conditional = false;
      bucket.mapping.conditions = undefined;
    }
    bucket.ids.push(ids);
    return bucket;
  }

  build(): RoleMapping[] {
    const out: RoleMapping[] = [];
    const mark = new Uint8Array(this.catalog.size);
    for (const { mapping, ids } of this.buckets.values()) {
      const lists = [...new Set(ids)];
      let union: ArrayLike<number> = lists[0];
      if (lists.length > 1) {
        const merged: number[] = [];
        for (const list of lists) for (const id of list) if (!mark[id]) { mark[id] = 1; merged.push(id); }
        for (const id of merged) mark[id] = 0;
        union = merged;
      }
      const sample: string[] = [];
      for (let k = 0; k < union.length && sample.length < sampleSize; k++) sample.push(this.catalog.actions[union[k]].name);
      out.push({ ...mapping, actionCount: union.length, sampleActions: sample });
    }
    return out;
  }
}
