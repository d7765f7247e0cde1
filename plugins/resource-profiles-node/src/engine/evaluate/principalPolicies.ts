import type { ConditionBlock, OrganizationTree, PolicyDocument, Principal } from '../model';
import { ActionUniverse, orInto } from './actionUniverse';
import { evaluateCondition, type ConditionContext } from './conditions';
import { groupsOf, type ModelIndex, type ResourceGrant } from './modelIndex';
import { substitutePolicyVariables } from './patterns';
import { onItsResource, resourceDeniesFor, resourcePolicyRef, type ResourceDenies } from './resourceDenies';

export type PathKind = 'direct' | 'group' | 'assumed-role';

/** Which policy a statement came from and how it reaches the principal. */
export interface PolicyRef {
  policyArn?: string;
  policyName: string;
  kind: 'inline' | 'managed' | 'boundary' | 'service-control' | 'resource-control' | 'resource';
  /** `resource-policy`: a resource's policy names the principal; `via` holds the policy's name (`key policy`). */
  path: { kind: 'direct' | 'group' | 'resource-policy'; via: string[] };
}

export interface CompiledStatement {
  /** Numbers the statements of one compiler (one analysis) from 0, for array-indexed caches. */
  id: number;
  effect: 'Allow' | 'Deny';
  statementIndex: number;
  actionPatterns: string[];
  notAction: boolean;
  /** The action patterns, lower-cased, as one key (`!` first for NotAction): equal keys match equal actions. */
  actionKey: string;
  resourcePatterns: string[];
  notResource: boolean;
  condition?: ConditionBlock;
  hasVariables: boolean;
  /** Matched actions of the rule universe. */
  bits: Uint32Array;
}

/** A statement as it applies to one principal: conditions judged, variables substituted. */
export interface AppliedStatement {
  st: CompiledStatement;
  policy: PolicyRef;
  /** `false` statements are dropped before this point. */
  truth: 'true' | 'unknown';
  unknown?: ConditionBlock;
  resources: string[];
}

export interface PrincipalPolicies {
  principal: Principal;
  identity: AppliedStatement[];
  /**
   * Policies that can only take permissions away: the permissions boundary, then each level of
   * service control policies. An action is allowed only where every one of them allows it, and
   * a Deny in any of them removes it. Undefined when there are none.
   */
  limits?: AppliedStatement[][];
  /** How many of the last `limits` are SCP levels (0 or absent: none). */
  serviceControlLevels?: number;
  /** Every Deny that applies: the identity policies', then each limit's (gathered once, read by every grant). */
  denies: AppliedStatement[];
  /** The Denies of resource policies that name the principal, by resource. Undefined when no resource policy denies anything. */
  resourceDenies?: ResourceDenies;
  allowBits: Uint32Array;
  /** Customer- and AWS-managed policies attached directly or through groups. */
  attachedPolicyArns: string[];
}

export class StatementCompiler {
  private readonly cache = new WeakMap<PolicyDocument, CompiledStatement[]>();
  private readonly refs = new Map<string, PolicyRef>();
  /** References through a principal's own (direct) attachment, by kind, policy ARN and name. */
  private readonly directRefs = new Map<PolicyRef['kind'], Map<string, Map<string, PolicyRef>>>();
  private readonly shared = new WeakMap<PolicyRef, Map<number, AppliedStatement>>();
  private readonly bits = new Map<string, Uint32Array>();
  private count = 0;
  /** What a group gives its members, when that does not depend on the member. */
  readonly groupParts = new WeakMap<Principal, { identity: AppliedStatement[]; arns: string[] }>();
  /** `share: false` gives every principal its own references and applied statements (same results). */
  constructor(
    readonly universe: ActionUniverse,
    private readonly share = true,
  ) {}

  get sharing(): boolean {
    return this.share;
  }

  /** How many statements were compiled so far (ids are below this). */
  get size(): number {
    return this.count;
  }

  /**
   * One object per distinct policy reference: a managed or group policy reaches many principals
   * the same way, so the reference — and the statements applied through it when nothing depends
   * on the principal — are shared between them.
   */
  ref(kind: PolicyRef['kind'], policyName: string, policyArn: string | undefined, path: PolicyRef['path']): PolicyRef {
    const make = (): PolicyRef => (policyArn === undefined ? { policyName, kind, path } : { policyArn, policyName, kind, path });
    if (!this.share) return make();
    if (path.kind === 'direct' && path.via.length === 0) {
      // Most references: found by the strings the model already holds, without building a key.
      let byArn = this.directRefs.get(kind);
      if (!byArn) this.directRefs.set(kind, (byArn = new Map()));
      let byName = byArn.get(policyArn ?? '');
      if (!byName) byArn.set(policyArn ?? '', (byName = new Map()));
      let ref = byName.get(policyName);
      if (!ref) byName.set(policyName, (ref = make()));
      return ref;
    }
    const key = `${kind}\u0000${policyArn ?? ''}\u0000${policyName}\u0000${path.kind}\u0000${path.via.join('\u0000')}`;
    let ref = this.refs.get(key);
    if (!ref) this.refs.set(key, (ref = make()));
    return ref;
  }

  /** An applied statement that is the same for every principal (no condition, no policy variable). */
  applied(st: CompiledStatement, policy: PolicyRef): AppliedStatement {
    let byStatement = this.shared.get(policy);
    if (!byStatement) this.shared.set(policy, (byStatement = new Map()));
    let applied = byStatement.get(st.id);
    if (!applied) byStatement.set(st.id, (applied = { st, policy, truth: 'true', unknown: undefined, resources: st.resourcePatterns }));
    return applied;
  }

  private bitsFor(key: string, actionPatterns: string[], notAction: boolean): Uint32Array {
    let bits = this.bits.get(key);
    if (!bits) this.bits.set(key, (bits = this.universe.bitsFor(actionPatterns, notAction)));
    return bits;
  }

  compile(doc: PolicyDocument): CompiledStatement[] {
    let out = this.cache.get(doc);
    if (out) return out;
    out = doc.statements.map((s, statementIndex) => {
      const notAction = s.action === undefined;
      const actionPatterns = (notAction ? s.notAction : s.action) ?? [];
      const notResource = s.resource === undefined && s.notResource !== undefined;
      const resourcePatterns = (notResource ? s.notResource : s.resource) ?? [];
      const actionKey = `${notAction ? '!' : ''}${actionPatterns.map(a => a.toLowerCase()).join('\n')}`;
      return {
        id: this.count++,
        effect: s.effect,
        statementIndex,
        actionPatterns,
        notAction,
        actionKey,
        resourcePatterns,
        notResource,
        condition: s.condition,
        hasVariables: resourcePatterns.some(r => r.includes('${')),
        bits: this.bitsFor(actionKey, actionPatterns, notAction),
      };
    });
    this.cache.set(doc, out);
    return out;
  }
}

const memberSets = new WeakMap<OrganizationTree, Set<string>>();

/** The organization's id for a principal of one of its accounts (`aws:PrincipalOrgID`); undefined when not known. */
function principalOrgIdOf(tree: OrganizationTree | undefined, accountId: string): string | undefined {
  if (!tree?.id) return undefined;
  let members = memberSets.get(tree);
  if (!members) memberSets.set(tree, (members = new Set([...tree.memberAccountIds, ...Object.keys(tree.parents), ...(tree.managementAccountId ? [tree.managementAccountId] : [])])));
  return members.has(accountId) ? tree.id : undefined;
}

/** What a request by `principal` is known to carry. `organization`: the model's, for `aws:PrincipalOrgID`. */
export function conditionContextFor(principal: Principal, now: Date, organization?: OrganizationTree): ConditionContext {
  return {
    now,
    principalArn: principal.arn,
    principalAccount: principal.accountId,
    principalOrgId: principalOrgIdOf(organization, principal.accountId),
    principalType: principal.type === 'user' ? 'User' : 'AssumedRole',
    username: principal.type === 'user' ? principal.name : undefined,
    principalTags: principal.tags,
  };
}

/** Stands for a variable the request cannot have; patterns using it match nothing. */
const absent = '\u0001';

function policyVariables(principal: Principal): Record<string, string> {
  const vars: Record<string, string> = {
    'aws:principalaccount': principal.accountId,
    'aws:principalarn': principal.arn,
    // No user name exists for a role session: a pattern that needs one matches nothing.
    'aws:username': principal.type === 'user' ? principal.name : absent,
  };
  for (const [k, v] of Object.entries(principal.tags)) vars[`aws:principaltag/${k.toLowerCase()}`] = v;
  return vars;
}

function apply(
  compiler: StatementCompiler,
  statements: CompiledStatement[],
  policy: PolicyRef,
  ctx: ConditionContext,
  vars: () => Record<string, string>,
  out: AppliedStatement[],
): void {
  for (const st of statements) {
    if (!st.condition && !st.hasVariables && compiler.sharing) {
      out.push(compiler.applied(st, policy));
      continue;
    }
    const outcome = evaluateCondition(st.condition, ctx);
    if (outcome.truth === 'false') continue;
    const resources = st.hasVariables
      ? st.resourcePatterns.map(r => substitutePolicyVariables(r, vars())).filter(r => !r.includes(absent))
      : st.resourcePatterns;
    out.push({ st, policy, truth: outcome.truth, unknown: outcome.unknown, resources });
  }
}

/** Whether no statement of a group's policies depends on the member (conditions, policy variables). */
function everyStatementIndependent(index: ModelIndex, compiler: StatementCompiler, group: Principal): boolean {
  const docs = [...group.inlinePolicies.map(p => p.document), ...group.managedPolicyArns.flatMap(arn => index.policiesByArn.get(arn)?.document ?? [])];
  return docs.every(doc => compiler.compile(doc).every(st => !st.condition && !st.hasVariables));
}

/** Gathers every statement that applies to a principal: inline, managed and (users) group policies. */
export function principalPolicies(
  index: ModelIndex,
  compiler: StatementCompiler,
  principal: Principal,
  now: Date,
): PrincipalPolicies {
  const ctx = conditionContextFor(principal, now, index.model.organization);
  let varsCache: Record<string, string> | undefined;
  const vars = () => (varsCache ??= policyVariables(principal));
  const identity: AppliedStatement[] = [];
  const attachedPolicyArns: string[] = [];
  const direct = { kind: 'direct' as const, via: [] };

  const addHolder = (holder: Principal, path: PolicyRef['path']) => {
    for (const inline of holder.inlinePolicies) {
      apply(compiler, compiler.compile(inline.document), compiler.ref('inline', inline.name, undefined, path), ctx, vars, identity);
    }
    for (const arn of holder.managedPolicyArns) {
      attachedPolicyArns.push(arn);
      const policy = index.policiesByArn.get(arn);
      if (!policy) continue;
      apply(compiler, compiler.compile(policy.document), compiler.ref('managed', policy.name, arn, path), ctx, vars, identity);
    }
  };

  addHolder(principal, direct);
  if (principal.type === 'user') {
    for (const group of groupsOf(index, principal)) {
      // What a group gives is the same for every member unless a statement has a condition or a
      // policy variable: then it is judged per member.
      const shared = compiler.sharing ? compiler.groupParts.get(group) : undefined;
      if (shared) {
        for (const a of shared.identity) identity.push(a);
        for (const arn of shared.arns) attachedPolicyArns.push(arn);
        continue;
      }
      const [i0, a0] = [identity.length, attachedPolicyArns.length];
      addHolder(group, { kind: 'group', via: [group.arn] });
      const added = identity.slice(i0);
      const independent = added.every(a => !a.st.condition && !a.st.hasVariables) && everyStatementIndependent(index, compiler, group);
      if (compiler.sharing && independent) compiler.groupParts.set(group, { identity: added, arns: attachedPolicyArns.slice(a0) });
    }
  }

  for (const grant of index.resourceGrants.get(principal.arn) ?? []) applyResourceGrant(index, compiler, grant, ctx, identity);

  const limits: AppliedStatement[][] = [];
  // An unknown boundary policy cannot be evaluated: it is ignored (treating it as allowing
  // nothing would be too strong) and the model warning says so.
  const boundary = principal.permissionsBoundaryArn && principal.type !== 'group' ? index.policiesByArn.get(principal.permissionsBoundaryArn) : undefined;
  if (boundary) {
    const statements: AppliedStatement[] = [];
    apply(compiler, compiler.compile(boundary.document), compiler.ref('boundary', boundary.name, boundary.arn, direct), ctx, vars, statements);
    limits.push(statements);
  }
  const levels = index.serviceControl.of(principal);
  for (const level of levels) {
    const statements: AppliedStatement[] = [];
    for (const scp of level) apply(compiler, compiler.compile(scp.document), compiler.ref('service-control', scp.name, scp.arn ?? scp.id, direct), ctx, vars, statements);
    limits.push(statements);
  }

  const allowBits = compiler.universe.empty();
  for (const a of identity) if (a.st.effect === 'Allow') orInto(allowBits, a.st.bits);
  return {
    principal,
    identity,
    limits: limits.length ? limits : undefined,
    serviceControlLevels: levels.length || undefined,
    denies: deniesOf(identity, limits),
    resourceDenies: resourceDeniesFor(index, compiler, principal, ctx),
    allowBits,
    attachedPolicyArns,
  };
}

/**
 * The Allows of a resource policy that name the principal (same account), as statements of the
 * principal on that resource. The policy's Denies reach it, as every other principal they name,
 * through `resourceDenies`.
 */
function applyResourceGrant(index: ModelIndex, compiler: StatementCompiler, grant: ResourceGrant, ctx: ConditionContext, out: AppliedStatement[]): void {
  const { policy, statementIndexes } = grant;
  const ref = resourcePolicyRef(index, compiler, policy);
  const statements = compiler.compile(policy.document);
  for (const k of statementIndexes) {
    const outcome = evaluateCondition(statements[k].condition, ctx);
    if (outcome.truth === 'false') continue;
    out.push({ st: statements[k], policy: ref, truth: outcome.truth, unknown: outcome.unknown, resources: onItsResource(statements[k], policy) });
  }
}

/**
 * The limits that bound what `allow` gives: all of them, except that a permissions boundary does
 * not limit what a resource policy grants to a user's own ARN (IAM policy evaluation logic); for
 * a role it does. The boundary's explicit Denies still apply: they are among `denies`.
 */
export function limitsOf(pp: PrincipalPolicies, allow: AppliedStatement): AppliedStatement[][] | undefined {
  const limits = pp.limits;
  if (!limits || allow.policy.kind !== 'resource' || pp.principal.type !== 'user') return limits;
  const hasBoundary = limits.length > (pp.serviceControlLevels ?? 0);
  if (!hasBoundary) return limits;
  return limits.length > 1 ? limits.slice(1) : undefined;
}

function deniesOf(identity: AppliedStatement[], limits: AppliedStatement[][] = []): AppliedStatement[] {
  const out: AppliedStatement[] = [];
  for (const statements of [identity, ...limits]) for (const a of statements) if (a.st.effect === 'Deny') out.push(a);
  return out;
}

/** The same principal judged within its account: without the limits of its SCP levels. */
export function withoutServiceControl(pp: PrincipalPolicies): PrincipalPolicies {
  const levels = pp.serviceControlLevels ?? 0;
  if (!levels) return pp;
  const limits = pp.limits!.slice(0, -levels);
  return { ...pp, limits: limits.length ? limits : undefined, serviceControlLevels: undefined, denies: deniesOf(pp.identity, limits) };
}
