import { accountOf, nameFromArn } from '../arn';
import type { PolicyStatement, Principal, ResourcePolicy } from '../model';
import { orInto } from './actionUniverse';
import { evaluateCondition, type ConditionContext } from './conditions';
import type { ModelIndex } from './modelIndex';
import { hasWildcard } from './patterns';
import type { ResourceControlDeny } from './resourceControl';
import type { AppliedStatement, CompiledStatement, PolicyRef, StatementCompiler } from './principalPolicies';
import { conditionReadsCaller, principalMatches } from './trust';

/** How a resource policy's statements reach a principal: `key policy of ledger`, through the policy. */
export function resourcePolicyRef(index: ModelIndex, compiler: StatementCompiler, policy: ResourcePolicy): PolicyRef {
  const resource = index.resourcesByArn.get(policy.resourceArn);
  return compiler.ref('resource', `${policy.name} of ${resource?.name ?? nameFromArn(policy.resourceArn)}`, undefined, { kind: 'resource-policy', via: [policy.name] });
}

/** A resource policy's statement on its own resource: `*` in its Resource stands for the resource itself. */
export function onItsResource(st: CompiledStatement, policy: ResourcePolicy): string[] {
  return st.resourcePatterns.map(r => (r === '*' ? policy.resourceArn : r));
}

/**
 * The Denies of resource policies and resource control policies that apply to one principal. An
 * explicit Deny in a resource's policy takes actions on that resource away from every caller it
 * names (everyone, an account, an ARN, or all but those of `NotPrincipal`), whatever the caller's
 * own policies allow; an RCP's Denies do the same for every caller on the resources of the
 * accounts below it.
 */
export interface ResourceDenies {
  /** Every action some resource policy or RCP denies: for any other action, none of them matters. */
  bits: Uint32Array;
  /** Those that apply on `arn`, or on the bucket of an S3 object ARN: conditions judged, `false` ones dropped. */
  on(arn: string): AppliedStatement[];
  /** The RCP Denies over every resource they govern in the principal's own account: for account-wide grants (`*`). */
  onAccount(): AppliedStatement[];
  /** `on` for a pattern naming one resource (or objects of one bucket), `onAccount` for a wider one. */
  onPattern(pattern: string): AppliedStatement[];
}

interface PerAnalysis {
  bits: Uint32Array;
  /** Denies whose verdict is the same for every principal they name, applied once. */
  shared: WeakMap<CompiledStatement, AppliedStatement | null>;
}

const analyses = new WeakMap<StatementCompiler, PerAnalysis>();
const none: AppliedStatement[] = [];
const s3Object = /^(arn:[^:]+:s3:::[^/]+)\//;
const direct = { kind: 'direct' as const, via: [] };

function perAnalysis(index: ModelIndex, compiler: StatementCompiler): PerAnalysis {
  let state = analyses.get(compiler);
  if (!state) {
    const bits = compiler.universe.empty();
    for (const list of index.resourceDenies.values()) for (const d of list) orInto(bits, compiler.compile(d.policy.document)[d.statementIndex].bits);
    for (const document of index.resourceControl.documents()) for (const st of compiler.compile(document)) orInto(bits, st.bits);
    analyses.set(compiler, (state = { bits, shared: new WeakMap() }));
  }
  return state;
}

export function resourceDeniesFor(index: ModelIndex, compiler: StatementCompiler, principal: Principal, ctx: ConditionContext): ResourceDenies | undefined {
  if (!index.resourceDenies.size && !index.resourceControl.any) return undefined;
  const state = perAnalysis(index, compiler);
  // Service-linked roles act for AWS services, which RCPs do not restrict.
  const underResourceControl = !(principal.type === 'role' && principal.path?.startsWith('/aws-service-role/'));
  const byResource = new Map<string, AppliedStatement[]>();
  const judge = (st: CompiledStatement, s: PolicyStatement, applied: (outcome: Pick<AppliedStatement, 'truth' | 'unknown'>) => AppliedStatement): AppliedStatement | null => {
    const readsCaller = conditionReadsCaller(s.condition);
    if (!readsCaller && state.shared.has(st)) return state.shared.get(st)!;
    const outcome = evaluateCondition(s.condition, ctx);
    const out = outcome.truth === 'false' ? null : applied({ truth: outcome.truth, unknown: outcome.unknown });
    if (!readsCaller) state.shared.set(st, out);
    return out;
  };
  const addControls = (denies: ResourceControlDeny[], out: AppliedStatement[]) => {
    for (const { policy, document, statementIndex, statement } of denies) {
      const st = compiler.compile(document)[statementIndex];
      const applied = judge(st, statement, o => ({ st, policy: compiler.ref('resource-control', policy.name, policy.arn ?? policy.id, direct), truth: o.truth, unknown: o.unknown, resources: st.resourcePatterns }));
      if (applied) out.push(applied);
    }
  };
  const gather = (key: string): AppliedStatement[] => {
    const out: AppliedStatement[] = [];
    for (const { policy, statementIndex } of index.resourceDenies.get(key) ?? []) {
      const s = policy.document.statements[statementIndex];
      if (s.notPrincipal ? principalMatches(s.notPrincipal, principal) : !principalMatches(s.principal, principal)) continue;
      const st = compiler.compile(policy.document)[statementIndex];
      const applied = judge(st, s, o => ({ st, policy: resourcePolicyRef(index, compiler, policy), truth: o.truth, unknown: o.unknown, resources: onItsResource(st, policy) }));
      if (applied) out.push(applied);
    }
    if (underResourceControl) addControls(index.resourceControl.deniesOn(key, index.resourcesByArn.get(key)?.accountId || accountOf(key)), out);
    return out;
  };
  let overAccount: AppliedStatement[] | undefined;
  const on = (key: string) => {
    let out = byResource.get(key);
    if (!out) byResource.set(key, (out = gather(key)));
    return out.length ? out : none;
  };
  const onAccount = () => {
    if (!overAccount) {
      overAccount = [];
      if (underResourceControl) addControls(index.resourceControl.deniesOver(principal.accountId).filter(d => d.accountWide), overAccount);
    }
    return overAccount;
  };
  const keyOf = (arn: string) => s3Object.exec(arn)?.[1] ?? arn;
  return {
    bits: state.bits,
    on: arn => on(keyOf(arn)),
    onAccount,
    onPattern(pattern) {
      const key = keyOf(pattern);
      return hasWildcard(key) ? onAccount() : on(key);
    },
  };
}
