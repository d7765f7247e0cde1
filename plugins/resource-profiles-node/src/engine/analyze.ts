import { nameFromArn } from './arn';
import { defaultActionCatalog, type ActionCatalog } from './catalog/actionCatalog';
import { ActionUniverse } from './evaluate/actionUniverse';
import { AssumeGraph, type Reach, type ReachSet } from './evaluate/assumeGraph';
import type { Grant } from './evaluate/decide';
import { evidenceOf, literalActions, mergeEvidence } from './evaluate/holdings';
import { indexModel, type ModelIndex } from './evaluate/modelIndex';
import { principalPolicies, StatementCompiler, type PrincipalPolicies } from './evaluate/principalPolicies';
import { findingId } from './findingId';
import type { CloudModel, CloudResource, ConditionBlock, Principal, SourceLocation } from './model';
import type { AnalysisResult, EvidencePolicy, Finding, PrincipalSummary } from './result';
import { ResourceMatcher, RoleMappingBuilder } from './roleMappings';
import { compileMethods, customerManaged, escalationMethodsOf, type MethodHit } from './rules/escalation';
import { adminProbeActions, fullAdminGrant, type AdminGrant } from './rules/fullAdmin';
import { daysUnused, hasOwnerTag, trustCrossAccount, trustOpenToAny, trustWithoutMfa } from './rules/hygiene';
import { exposedResources, type ExposedResource, type ResourcePolicyExposure } from './rules/resourcePolicy';
import { escalationRemediation, remediations } from './rules/remediation';
import { defaultRuleSet, type Conflict, type RuleId, type RuleSet } from './rules/ruleSet';
import { compileDuties, conflictsIn, dutiesOf, type DutySource } from './rules/sod';

const severityRank = { critical: 0, high: 1, medium: 2, low: 3 };
const conds = (list: ConditionBlock[]) => (list.length ? list : undefined);

export interface Human {
  /** Backstage user entity ref, e.g. `user:default/jane`. */
  id: string;
  principalArns: string[];
}

export interface AnalyzeOptions {
  rules?: RuleSet;
  /** The evaluation time for date conditions and unused-role checks. */
  now?: Date;
  humans?: Human[];
  /** Skip role mappings when only findings are needed. */
  roleMappings?: boolean;
  /** Bound on mappings inherited through assumed roles, per principal. */
  maxAssumedRoleMappingsPerPrincipal?: number;
  catalog?: ActionCatalog;
  /**
   * Analyse only these principals (ARNs): their summaries and the findings about them, with the
   * roles they can reach judged as far as those findings need. Findings about resources and
   * other principals, person-level findings of humans with a principal outside the scope, and
   * role mappings are left out, and so are warnings about SCP attachments that reach no one.
   * What is reported is exactly what the whole analysis reports for these principals, at the
   * cost of their reach instead of the whole model.
   */
  principalScope?: string[];
}

/** Most principals hold no method or duty: they share these (read-only) empties. */
const noMethods: MethodHit[] = [];
const noDuties = new Map<string, Grant[]>();
const noDutyList: PrincipalFacts['dutyList'] = [];

interface PrincipalFacts {
  pp: PrincipalPolicies;
  reach: ReachSet;
  admin?: AdminGrant;
  methods: MethodHit[];
  duties: Map<string, Grant[]>;
  /** `duties` as a list, with whether every grant of the duty is conditional. */
  dutyList: { duty: string; grants: Grant[]; conditional: boolean }[];
  /** Bitsets by rule position (see `Bits`): methods held, duties held, duties held unconditionally. */
  methodBits?: Uint32Array;
  dutyBits?: Uint32Array;
  firmDutyBits?: Uint32Array;
}

/** Numbers method and duty names so holdings compare as bitsets. */
class Bits {
  readonly index = new Map<string, number>();
  constructor(names: string[]) {
    for (const n of names) if (!this.index.has(n)) this.index.set(n, this.index.size);
  }
  get words(): number {
    return (this.index.size + 31) >>> 5 || 1;
  }
  of(names: Iterable<string>): Uint32Array {
    const out = new Uint32Array(this.words);
    for (const n of names) this.set(out, this.index.get(n)!);
    return out;
  }
  has(bits: Uint32Array, i: number): boolean {
    return (bits[i >>> 5] & (1 << (i & 31))) !== 0;
  }
  set(bits: Uint32Array, i: number): void {
    bits[i >>> 5] |= 1 << (i & 31);
  }
  /** Whether `bits` holds anything `seen` does not. */
  anyNew(bits: Uint32Array, seen: Uint32Array): boolean {
    for (let w = 0; w < bits.length; w++) if ((bits[w] & ~seen[w]) !== 0) return true;
    return false;
  }
}

/** The analysis entry point: effective permissions, role mappings and findings for a model. */
export function analyze(model: CloudModel, options: AnalyzeOptions = {}): AnalysisResult {
  return analyzeWith(model, options, { share: true });
}

/**
 * `analyze` with work shared between principals (`share: true`, the default: policy references,
 * assume-role edges and searches, role-mapping splits and counts) or computed for each principal
 * on its own (`share: false`). Both give the same result; the second exists to test the first.
 */
export function analyzeWith(model: CloudModel, options: AnalyzeOptions, internal: { share: boolean }): AnalysisResult {
  const started = Date.now();
  const rules = options.rules ?? defaultRuleSet();
  const now = options.now ?? new Date();
  const catalog = options.catalog ?? defaultActionCatalog();
  const index = indexModel(model);
  const enabled = (rule: RuleId) => !rules.disabledRules.includes(rule);

  const universe = new ActionUniverse([
    'sts:assumerole',
    ...adminProbeActions,
    ...rules.escalationMethods.flatMap(m => m.actions.flatMap(a => literalActions(a, catalog))),
    ...rules.duties.flatMap(d => d.actions.flatMap(a => literalActions(a, catalog))),
  ]);
  const compiler = new StatementCompiler(universe, internal.share);

  const scope = options.principalScope ? new Set(options.principalScope) : undefined;
  const inScope = (arn: string) => !scope || scope.has(arn);
  const callers = model.principals.filter(p => p.type !== 'group');
  const { policies, graph } = scope
    ? scopedGraph(callers.filter(p => scope.has(p.arn)), index, compiler, now, universe, internal)
    : wholeGraph(callers, index, compiler, now, universe, internal);
  // Which attachments reach no principal is known only from the whole model.
  const scpWarnings = (scope ? [] : index.serviceControl.unreached())
    .map(({ policy, targetId }) => `service control policy ${policy.name} is attached to ${targetId}, but no principal of the inputs is in an account known to be under it; it limits nothing here`);

  const rolePolicies = customerManaged(index.roles.flatMap(r => r.managedPolicyArns));

  const facts = new Map<string, PrincipalFacts>();
  const factsByNode: ReachFacts = [];
  for (const pp of policies.values()) {
    const f: PrincipalFacts = { pp, reach: graph.reachableRoles(pp.principal), methods: noMethods, duties: noDuties, dutyList: noDutyList };
    facts.set(pp.principal.arn, f);
  }
  for (const f of facts.values()) {
    const id = graph.idOf(f.pp.principal.arn);
    if (id !== undefined) factsByNode[id] = f;
  }
  const methods = compileMethods(rules.escalationMethods, universe, catalog);
  const duties = compileDuties(rules.duties, universe, catalog);
  const reachPolicies = {};
  const methodNames = new Bits(rules.escalationMethods.map(m => m.name));
  const dutyNames = new Bits(rules.duties.map(d => d.name));
  const holdings: HeldContext = { factsByNode, methodNames, dutyNames, share: internal.share };
  for (const f of facts.values()) {
    let ownPolicies: string[] | undefined;
    // Only a principal allowed a policy-version action needs the policies of the roles it reaches
    // (gathered once per shared search).
    const scopes = {
      get ownPolicies() {
        const reached = f.reach.memo(reachPolicies, () => {
          const arns: string[] = [];
          for (let k = 0; k < f.reach.length; k++) for (const arn of policies.get(f.reach.role(k).arn)?.attachedPolicyArns ?? []) arns.push(arn);
          return customerManaged(arns);
        });
        ownPolicies ??= [...new Set([...customerManaged(f.pp.attachedPolicyArns), ...reached])];
        return ownPolicies;
      },
      rolePolicies,
    };
    f.admin = fullAdminGrant(f.pp, universe);
    const hits = escalationMethodsOf(f.pp, methods, scopes);
    if (hits.length) {
      f.methods = hits;
      f.methodBits = methodNames.of(hits.map(h => h.method.name));
    }
    const held = dutiesOf(f.pp, duties);
    if (held.size) {
      f.duties = held;
      f.dutyList = [...held].map(([duty, grants]) => ({ duty, grants, conditional: grants.every(g => g.conditional) }));
      f.dutyBits = dutyNames.of(held.keys());
      f.firmDutyBits = dutyNames.of(f.dutyList.filter(d => !d.conditional).map(d => d.duty));
    }
  }

  const findings: Finding[] = [];
  const emit = (rule: RuleId, subject: Principal | undefined, keyFacts: string[], body: Omit<Finding, 'id' | 'rule' | 'severity' | 'principal'> & { severity?: Finding['severity'] }) => {
    if (!enabled(rule)) return;
    const { severity, ...rest } = body;
    findings.push({
      id: findingId(rule, subject?.arn ?? body.resources[0] ?? '', keyFacts),
      rule,
      severity: severity ?? rules.severities[rule],
      principal: subject ? { arn: subject.arn, name: subject.name, type: subject.type } : undefined,
      ...rest,
    });
  };

  // What the organization's SCPs take away from an admin, in the title.
  const guarded = (admin: AdminGrant) =>
    admin.deniedByServiceControl.length ? ` within its organization's SCPs, which deny ${admin.deniedByServiceControl.map(a => catalog.lookup(a)?.name ?? a).join(', ')}` : '';
  const summaries: PrincipalSummary[] = [];
  for (const p of model.principals) {
    if (!inScope(p.arn)) continue;
    const f = facts.get(p.arn);
    const reached = f?.reach.length ? reachSummary(f.reach, holdings) : undefined;
    const adminReach = f && !f.admin && reached && reached.firstAdmin >= 0 ? f.reach.at(reached.firstAdmin) : undefined;
    summaries.push({
      arn: p.arn,
      name: p.name,
      type: p.type,
      accountId: p.accountId,
      tags: p.tags,
      isAdmin: !!f?.admin || !!adminReach,
      adminChain: adminReach?.chain,
      planned: p.planned,
      source: p.source,
    });
    if (!f) continue;

    if (f.admin) {
      emit('full-admin', p, [], {
        title: `${p.name} has full administrator access (* on *)${guarded(f.admin)}`,
        resources: ['*'],
        evidence: { policies: [evidenceOf(f.admin, p.arn)], conditions: conds(f.admin.conditions) },
        conditional: f.admin.conditional,
        remediation: remediations.fullAdmin,
        location: p.source,
      });
    } else if (adminReach) {
      const roleAdmin = facts.get(adminReach.role.arn)!.admin!;
      emit('full-admin', p, [`via:${adminReach.role.arn}`], {
        title: `${p.name} can become full administrator by assuming ${adminReach.role.name}${guarded(roleAdmin)}`,
        resources: ['*'],
        evidence: { policies: [evidenceOf(roleAdmin, adminReach.role.arn)], chain: adminReach.chain, conditions: conds([...adminReach.conditions, ...roleAdmin.conditions]) },
        conditional: adminReach.conditional || roleAdmin.conditional,
        remediation: remediations.fullAdmin,
        location: p.source,
      });
    }

    // A full admin (directly or through a chain) needs no escalation path: the admin finding says it all.
    const reported = new Set<string>(f.admin || adminReach ? rules.escalationMethods.map(m => m.name) : []);
    for (const hit of f.methods) {
      if (reported.has(hit.method.name)) continue;
      reported.add(hit.method.name);
      emitEscalation(emit, p, hit, p.arn);
    }
    for (const { k, hit } of reached?.methods ?? []) {
      if (reported.has(hit.method.name)) continue;
      reported.add(hit.method.name);
      emitEscalation(emit, p, hit, f.reach.role(k).arn, f.reach.at(k));
    }

    if (!f.admin && !adminReach) emitPrincipalConflicts(emit, p, f, holdings, rules.conflicts);
  }

  for (const human of options.humans ?? []) {
    if (human.principalArns.every(inScope)) emitHumanConflicts(emit, human, facts, holdings, index, rules.conflicts);
  }

  for (const role of index.roles) {
    if (!inScope(role.arn)) continue;
    const open = trustOpenToAny(role);
    if (open.length) {
      emit('trust-open-to-any', role, [], {
        title: `Trust policy of ${role.name} lets any AWS principal assume it`,
        resources: [role.arn],
        evidence: { policies: open.map(o => ({ policyName: 'AssumeRolePolicyDocument', holderArn: role.arn, statementIndex: o.statementIndex, matchedActions: ['sts:AssumeRole'] })) },
        conditional: open.every(o => o.conditioned),
        severity: open.every(o => o.conditioned) ? 'high' : undefined,
        remediation: remediations.trustOpen,
        location: role.source,
      });
    }
    const cross = trustCrossAccount(role);
    if (cross.length) {
      const accounts = [...new Set(cross.flatMap(c => c.principals))].sort();
      emit('trust-cross-account', role, accounts, {
        title: `${role.name} trusts principals of another account: ${accounts.join(', ')}`,
        resources: [role.arn],
        evidence: { policies: cross.map(c => ({ policyName: 'AssumeRolePolicyDocument', holderArn: role.arn, statementIndex: c.statementIndex, matchedActions: ['sts:AssumeRole'], resource: c.principals.join(', ') })) },
        conditional: cross.every(c => c.conditioned),
        remediation: remediations.trustCrossAccount,
        location: role.source,
      });
    }
    const f = facts.get(role.arn);
    const privileged = !!f && (!!f.admin || f.methods.length > 0);
    if (!privileged) continue;
    const why = f.admin ? 'full admin' : `escalation via ${f.methods.map(m => m.method.name).slice(0, 3).join(', ')}`;
    const noMfa = trustWithoutMfa(role);
    if (noMfa.length) {
      emit('privileged-role-without-mfa', role, [], {
        title: `Privileged role ${role.name} (${why}) can be assumed without MFA`,
        resources: [role.arn],
        evidence: { policies: noMfa.map(i => ({ policyName: 'AssumeRolePolicyDocument', holderArn: role.arn, statementIndex: i, matchedActions: ['sts:AssumeRole'] })) },
        conditional: false,
        remediation: remediations.noMfa,
        location: role.source,
      });
    }
    const unused = daysUnused(role, now);
    if (unused && unused.days >= rules.unusedRoleDays) {
      emit('privileged-role-unused', role, [], {
        title: unused.neverUsed
          ? `Privileged role ${role.name} (${why}) has never been used (created ${unused.days} days ago)`
          : `Privileged role ${role.name} (${why}) has not been used for ${unused.days} days`,
        resources: [role.arn],
        evidence: { policies: [] },
        conditional: false,
        remediation: remediations.unused,
        location: role.source,
      });
    }
  }

  for (const user of model.principals) {
    if (user.type !== 'user' || !inScope(user.arn) || (user.inlinePolicies.length === 0 && user.managedPolicyArns.length === 0)) continue;
    const names = [...user.inlinePolicies.map(p => p.name), ...user.managedPolicyArns];
    emit('policy-attached-to-user', user, [], {
      title: `${names.length} polic${names.length === 1 ? 'y is' : 'ies are'} attached directly to user ${user.name}`,
      resources: [user.arn],
      evidence: {
        policies: [
          ...user.inlinePolicies.map(p => ({ policyName: p.name, holderArn: user.arn, statementIndex: 0, matchedActions: [] })),
          ...user.managedPolicyArns.map(arn => ({ policyArn: arn, policyName: index.policiesByArn.get(arn)?.name ?? arn.split('/').pop()!, holderArn: user.arn, statementIndex: 0, matchedActions: [] })),
        ],
      },
      conditional: false,
      remediation: remediations.attachedToUser,
      location: user.source,
    });
  }

  const resources = withRoleResources(model.resources, index);
  for (const r of scope ? [] : resources) {
    if (hasOwnerTag(r, rules.ownerTagKeys)) continue;
    emit('resource-without-owner', undefined, [r.arn], {
      title: `${r.type} ${r.name} has no owner tag (${rules.ownerTagKeys.join(', ')})`,
      resources: [r.arn],
      evidence: { policies: [] },
      conditional: false,
      remediation: remediations.noOwner,
      location: r.source,
    });
  }

  const exposed = scope ? [] : exposedResources(model, resources, now, index.resourceControl);
  for (const e of exposed) emitResourcePolicyExposures(emit, e);

  const roleMappings =
    options.roleMappings === false || scope
      ? []
      : buildRoleMappings(facts, resources, exposed, compiler, catalog, options.maxAssumedRoleMappingsPerPrincipal ?? 200, model.warnings, internal.share);
  // Intl.Collator#compare orders exactly as String#localeCompare with the same (default) locale, without re-resolving it per call.
  const collate = new Intl.Collator().compare;
  findings.sort((a, b) => severityRank[a.severity] - severityRank[b.severity] || collate(a.rule, b.rule) || collate(a.id, b.id));

  return {
    principals: summaries,
    resources,
    roleMappings,
    findings,
    warnings: [...model.warnings, ...scpWarnings],
    stats: {
      principals: model.principals.length,
      policies: model.policies.length,
      resources: resources.length,
      roleMappings: roleMappings.length,
      findings: findings.length,
      serviceControlPolicies: index.serviceControl.applied().length,
      durationMs: Date.now() - started,
    },
  };
}



type Internal = { share: boolean };

/** Every caller's policies and the assume-role graph over all of them. */
function wholeGraph(callers: Principal[], index: ModelIndex, compiler: StatementCompiler, now: Date, universe: ActionUniverse, internal: Internal) {
  const policies = new Map<string, PrincipalPolicies>();
  for (const p of callers) policies.set(p.arn, principalPolicies(index, compiler, p, now));
  return { policies, graph: new AssumeGraph(index.roles, policies, universe.indexOf('sts:assumerole'), now, { ...internal, organization: index.model.organization }) };
}

/**
 * The policies of `start` and of every role reachable from it, and the graph over them. A
 * caller's edges depend only on its own policies and the roles' trust policies, so a graph over
 * this closure gives each of them the same reach as the graph over every principal.
 */
function scopedGraph(start: Principal[], index: ModelIndex, compiler: StatementCompiler, now: Date, universe: ActionUniverse, internal: Internal) {
  const policies = new Map<string, PrincipalPolicies>();
  let added = start;
  for (;;) {
    for (const p of added) policies.set(p.arn, principalPolicies(index, compiler, p, now));
    const graph = new AssumeGraph(index.roles, policies, universe.indexOf('sts:assumerole'), now, { ...internal, organization: index.model.organization });
    const next = new Map<string, Principal>();
    for (const pp of policies.values()) {
      const reach = graph.reachableRoles(pp.principal);
      for (let k = 0; k < reach.length; k++) {
        const role = reach.role(k);
        if (!policies.has(role.arn)) next.set(role.arn, role);
      }
    }
    if (next.size === 0) return { policies, graph };
    added = [...next.values()];
  }
}

type Emit = (rule: RuleId, subject: Principal | undefined, keyFacts: string[], body: Omit<Finding, 'id' | 'rule' | 'severity' | 'principal'> & { severity?: Finding['severity'] }) => void;

function emitEscalation(emit: Emit, p: Principal, hit: MethodHit, holderArn: string, reach?: Reach): void {
  const m = hit.method;
  const via = reach ? ` by assuming ${reach.role.name}` : '';
  const conditions = [...(reach?.conditional ? reach.conditions : []), ...hit.grants.flatMap(g => g.conditions)];
  emit('privilege-escalation', p, [`method:${m.name}`, ...(reach ? [`via:${reach.role.arn}`] : [])], {
    method: m.name,
    pathfindingId: m.pathfindingId,
    severity: m.severity,
    title: `${p.name} can escalate privileges via ${m.name}${via}`,
    resources: [...new Set(hit.grants.map(g => g.resource))],
    evidence: {
      policies: mergeEvidence(hit.grants.map(g => evidenceOf(g, holderArn))),
      chain: reach?.chain,
      conditions: conds(conditions),
    },
    conditional: conditions.length > 0 || !!reach?.conditional || hit.grants.some(g => g.conditional),
    remediation: escalationRemediation(m, reach?.chain),
    location: p.source,
  });
}

/** What the roles of a reach hold, by position in breadth-first order. */
interface ReachSummary {
  /** The first role that is a full admin, or -1. */
  firstAdmin: number;
  /** Each escalation method at its first role, in breadth-first then method order. */
  methods: { k: number; hit: MethodHit }[];
  /** Per duty: the first role holding it, whether that holding is conditional, and the first unconditional one (or -1). */
  duties: Map<string, { first: number; conditional: boolean; unconditional: number }>;
}

/** Facts by graph number (see `AssumeGraph.idOf`). */
type ReachFacts = (PrincipalFacts | undefined)[];

interface HeldContext {
  factsByNode: ReachFacts;
  methodNames: Bits;
  dutyNames: Bits;
  /** false: no memo and no skipping, every role of the reach is read (the reference for tests). */
  share: boolean;
}

/**
 * Computed once per search, so principals that share their reach (see AssumeGraph) share this
 * too. Bitsets of what has been seen let a role that adds nothing new be passed over at once.
 */
function reachSummary(reach: ReachSet, ctx: HeldContext): ReachSummary {
  if (!ctx.share) return plainReachSummary(reach, ctx.factsByNode);
  return reach.memo(ctx, () => {
    const { factsByNode, methodNames, dutyNames } = ctx;
    const summary: ReachSummary = { firstAdmin: -1, methods: [], duties: new Map() };
    const seenMethods = new Uint32Array(methodNames.words);
    const seenDuties = new Uint32Array(dutyNames.words);
    const firmDuties = new Uint32Array(dutyNames.words);
    for (let k = 0; k < reach.length; k++) {
      const f = factsByNode[reach.node(k)];
      if (!f) continue;
      if (f.admin && summary.firstAdmin < 0) summary.firstAdmin = k;
      if (f.methodBits && methodNames.anyNew(f.methodBits, seenMethods)) {
        for (const hit of f.methods) {
          const bit = methodNames.index.get(hit.method.name)!;
          if (methodNames.has(seenMethods, bit)) continue;
          methodNames.set(seenMethods, bit);
          summary.methods.push({ k, hit });
        }
      }
      if (!f.dutyBits) continue;
      const viaCondition = reach.isConditional(k);
      if (!dutyNames.anyNew(f.dutyBits, seenDuties) && (viaCondition || !dutyNames.anyNew(f.firmDutyBits!, firmDuties))) continue;
      for (const { duty, conditional: own } of f.dutyList) {
        const conditional = own || viaCondition;
        const bit = dutyNames.index.get(duty)!;
        const held = summary.duties.get(duty);
        if (!held) summary.duties.set(duty, { first: k, conditional, unconditional: conditional ? -1 : k });
        else if (held.unconditional < 0 && !conditional) held.unconditional = k;
        dutyNames.set(seenDuties, bit);
        if (!conditional) dutyNames.set(firmDuties, bit);
      }
    }
    return summary;
  });
}

/** `reachSummary` without bitsets: every role, every method and duty, in order. */
function plainReachSummary(reach: ReachSet, factsByNode: ReachFacts): ReachSummary {
  const summary: ReachSummary = { firstAdmin: -1, methods: [], duties: new Map() };
  const seen = new Set<string>();
  for (let k = 0; k < reach.length; k++) {
    const f = factsByNode[reach.node(k)];
    if (!f) continue;
    if (f.admin && summary.firstAdmin < 0) summary.firstAdmin = k;
    for (const hit of f.methods) {
      if (seen.has(hit.method.name)) continue;
      seen.add(hit.method.name);
      summary.methods.push({ k, hit });
    }
    for (const [duty, grants] of f.duties) {
      const conditional = reach.isConditional(k) || grants.every(g => g.conditional);
      const held = summary.duties.get(duty);
      if (!held) summary.duties.set(duty, { first: k, conditional, unconditional: conditional ? -1 : k });
      else if (held.unconditional < 0 && !conditional) held.unconditional = k;
    }
  }
  return summary;
}

/**
 * Where a principal holds each duty: its own policies first, then the roles it reaches in
 * breadth-first order. Only the sources evidence can pick are kept — the first one and the
 * first unconditional one (see `conflictEvidence`) — so a large reach stays cheap.
 */
function dutySources(f: PrincipalFacts, ctx: HeldContext): Map<string, DutySource[]> {
  const held = new Map<string, DutySource[]>();
  for (const [duty, grants] of f.duties) held.set(duty, [{ holderArn: f.pp.principal.arn, grants, conditional: grants.every(g => g.conditional) }]);
  if (!f.reach.length) return held;
  const viaRole = (duty: string, k: number): DutySource => {
    const role = f.reach.role(k);
    const grants = ctx.factsByNode[f.reach.node(k)]!.duties.get(duty)!;
    return { holderArn: role.arn, chain: f.reach.at(k).chain, grants, conditional: f.reach.isConditional(k) || grants.every(g => g.conditional) };
  };
  for (const [duty, r] of reachSummary(f.reach, ctx).duties) {
    const own = held.get(duty);
    if (own && !own[0].conditional) continue;
    const list = own ?? [viaRole(duty, r.first)];
    if (!own) held.set(duty, list);
    if ((own || r.conditional) && r.unconditional >= 0) list.push(viaRole(duty, r.unconditional));
  }
  return held;
}

function conflictEvidence(conflict: Conflict, held: Map<string, DutySource[]>) {
  const duties = conflict.duties.map(d => {
    const sources = held.get(d)!;
    const best = sources.find(s => !s.conditional) ?? sources[0];
    return { duty: d, source: best };
  });
  const policies: EvidencePolicy[] = mergeEvidence(duties.flatMap(d => d.source.grants.map(g => evidenceOf(g, d.source.holderArn))));
  return {
    picked: duties,
    policies,
    duties: duties.map(d => ({ duty: d.duty, principalArn: d.source.holderArn, actions: d.source.grants.map(g => g.action), chain: d.source.chain })),
    conditional: duties.some(d => d.source.conditional),
    conditions: duties.flatMap(d => d.source.grants.flatMap(g => g.conditions)),
    holders: [...new Set(duties.map(d => d.source.holderArn))].sort(),
  };
}

function emitPrincipalConflicts(emit: Emit, p: Principal, f: PrincipalFacts, ctx: HeldContext, conflicts: Conflict[]): void {
  if (f.duties.size === 0 && f.reach.length === 0) return;
  const direct = new Map([...f.duties].map(([d, grants]) => [d, [{ holderArn: p.arn, grants, conditional: grants.every(g => g.conditional) }]]));
  const viaRoles = f.reach.length ? dutySources(f, ctx) : direct;
  for (const conflict of conflictsIn(viaRoles, conflicts)) {
    const isDirect = conflict.duties.every(d => direct.has(d));
    const ev = conflictEvidence(conflict, isDirect ? direct : viaRoles);
    const chains = ev.duties.filter(d => d.chain).map(d => d.chain!);
    emit('sod-conflict', p, [`conflict:${conflict.name}`, ...ev.holders.map(h => `holder:${h}`)], {
      method: conflict.name,
      severity: conflict.severity,
      title: isDirect
        ? `${p.name} holds conflicting duties ${conflict.duties.join(' + ')}`
        : `${p.name} holds conflicting duties ${conflict.duties.join(' + ')} across roles it can assume`,
      resources: [...new Set(ev.picked.flatMap(d => d.source.grants.map(g => g.resource)))],
      evidence: { policies: ev.policies, duties: ev.duties, chain: chains[0], conditions: conds(ev.conditions) },
      conditional: ev.conditional,
      remediation: remediations.sod(conflict.duties),
      location: p.source,
    });
  }
}

function emitHumanConflicts(emit: Emit, human: Human, facts: Map<string, PrincipalFacts>, ctx: HeldContext, index: ModelIndex, conflicts: Conflict[]): void {
  const mapped = human.principalArns.map(a => facts.get(a)).filter((f): f is PrincipalFacts => !!f);
  if (mapped.length < 2) return;
  const perPrincipal = mapped.map(f => dutySources(f, ctx));
  const union = new Map<string, DutySource[]>();
  for (const held of perPrincipal) for (const [d, s] of held) union.set(d, [...(union.get(d) ?? []), ...s]);
  for (const conflict of conflictsIn(union, conflicts)) {
    // Already reported on a single principal: the person-level finding adds nothing.
    if (perPrincipal.some(held => conflictsIn(held, [conflict]).length)) continue;
    const ev = conflictEvidence(conflict, union);
    const subject = index.principalsByArn.get(ev.picked[0].source.holderArn) ?? mapped[0].pp.principal;
    emit('sod-conflict', subject, [`conflict:${conflict.name}`, `human:${human.id}`, ...ev.holders.map(h => `holder:${h}`)], {
      method: conflict.name,
      severity: conflict.severity,
      human: human.id,
      title: `${human.id} holds conflicting duties ${conflict.duties.join(' + ')} through ${ev.holders.length} principals`,
      resources: [...new Set(ev.picked.flatMap(d => d.source.grants.map(g => g.resource)))],
      evidence: { policies: ev.policies, duties: ev.duties, conditions: conds(ev.conditions) },
      conditional: ev.conditional,
      remediation: remediations.sod(conflict.duties),
      location: subject.source,
    });
  }
}

function emitResourcePolicyExposures(emit: Emit, { rp, resource, exposures }: ExposedResource): void {
  const { anyone, otherAccounts } = exposures;
  const name = resource?.name ?? nameFromArn(rp.resourceArn);
  const what = `${rp.name[0].toUpperCase()}${rp.name.slice(1)} of ${name}`;
  // One entry per statement, and each condition once, however many principals a statement names.
  const evidence = (list: ResourcePolicyExposure[]) => ({
    policies: mergeEvidence(list.map(e => ({ policyName: rp.name, holderArn: rp.resourceArn, statementIndex: e.statementIndex, matchedActions: e.actions, resource: e.resources.join(', ') }))),
    conditions: conds([...new Map(list.flatMap(e => e.conditions).map(c => [JSON.stringify(c), c])).values()]),
  });
  const actionsOf = (list: ResourcePolicyExposure[]) => {
    const actions = [...new Set(list.flatMap(e => e.actions))];
    return actions.length > 3 ? `${actions.slice(0, 3).join(', ')} and ${actions.length - 3} more` : actions.join(', ');
  };
  if (anyone.length) {
    const conditional = anyone.every(e => e.conditions.length > 0);
    emit('resource-policy-open-to-any', undefined, [rp.resourceArn], {
      title: `${what} lets any AWS principal ${actionsOf(anyone)}${conditional ? ' under conditions' : ''}`,
      resources: [rp.resourceArn],
      evidence: evidence(anyone),
      conditional,
      severity: conditional ? 'high' : undefined,
      remediation: remediations.resourcePolicyOpen,
      location: rp.source,
    });
  }
  if (otherAccounts.length) {
    const principals = [...new Set(otherAccounts.map(e => e.principal))].sort();
    emit('resource-policy-cross-account', undefined, [rp.resourceArn, ...principals], {
      title: `${what} lets principals of another account ${actionsOf(otherAccounts)}: ${principals.join(', ')}`,
      resources: [rp.resourceArn],
      evidence: evidence(otherAccounts),
      conditional: otherAccounts.every(e => e.conditions.length > 0),
      remediation: remediations.resourcePolicyCrossAccount,
      location: rp.source,
    });
  }
}

function withRoleResources(resources: CloudResource[], index: ModelIndex): CloudResource[] {
  const seen = new Set(resources.map(r => r.arn));
  const out = [...resources];
  for (const role of index.roles) {
    if (seen.has(role.arn)) continue;
    out.push({ arn: role.arn, type: 'iam-role', name: role.name, accountId: role.accountId, tags: role.tags, source: role.source, planned: role.planned });
  }
  return out;
}

function buildRoleMappings(
  facts: Map<string, PrincipalFacts>,
  resources: CloudResource[],
  exposed: ExposedResource[],
  compiler: StatementCompiler,
  catalog: ActionCatalog,
  limit: number,
  warnings: string[],
  share: boolean,
) {
  const builder = new RoleMappingBuilder(catalog, new ResourceMatcher(resources), { share });
  for (const f of facts.values()) builder.addPrincipal(f.pp);
  for (const f of facts.values()) {
    if (f.reach.length && !builder.addAssumed(f.pp.principal.arn, f.reach, limit)) {
      warnings.push(`role mappings through assumed roles for ${f.pp.principal.arn} were cut at ${limit}`);
    }
  }
  for (const e of exposed) builder.addResourcePolicy(e, document => compiler.compile(document));
  return builder.build();
}

export type { SourceLocation };
