import { nameFromArn } from '../arn';
import type { Principal, ResourcePolicy } from '../model';
import { orInto } from './actionUniverse';
import { evaluateCondition, type ConditionContext } from './conditions';
import type { ModelIndex } from './modelIndex';
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
 * The Denies of resource policies that apply to one principal. An explicit Deny in a resource's
 * policy takes actions on that resource away from every caller it names (everyone, an account,
 * an ARN, or all but those of `NotPrincipal`), whatever the caller's own policies allow.
 */
export interface ResourceDenies {
  /** Every action some resource policy denies: for any other action, no resource policy's Deny matters. */
  bits: Uint32Array;
  /** Those that apply on `arn`, or on the bucket of an S3 object ARN: conditions judged, `false` ones dropped. */
  on(arn: string): AppliedStatement[];
}

interface PerAnalysis {
  bits: Uint32Array;
  /** Denies whose verdict is the same for every principal they name, applied once. */
  shared: WeakMap<CompiledStatement, AppliedStatement | null>;
}

const analyses = new WeakMap<StatementCompiler, PerAnalysis>();
const none: AppliedStatement[] = [];
const s3Object = /^(arn:[^:]+:s3:::[^/]+)\//;

function perAnalysis(index: ModelIndex, compiler: StatementCompiler): PerAnalysis {
  let state = analyses.get(compiler);
  if (!state) {
    const bits = compiler.universe.empty();
    for (const list of index.resourceDenies.values()) for (const d of list) orInto(bits, compiler.compile(d.policy.document)[d.statementIndex].bits);
    analyses.set(compiler, (state = { bits, shared: new WeakMap() }));
  }
  return state;
}

export function resourceDeniesFor(index: ModelIndex, compiler: StatementCompiler, principal: Principal, ctx: ConditionContext): ResourceDenies | undefined {
  if (!index.resourceDenies.size) return undefined;
  const state = perAnalysis(index, compiler);
  const byResource = new Map<string, AppliedStatement[]>();
  const judge = (policy: ResourcePolicy, st: CompiledStatement): AppliedStatement | null => {
    const s = policy.document.statements[st.statementIndex];
    const named = s.notPrincipal ? !principalMatches(s.notPrincipal, principal) : principalMatches(s.principal, principal);
    if (!named) return null;
    const readsCaller = conditionReadsCaller(s.condition);
    if (!readsCaller && state.shared.has(st)) return state.shared.get(st)!;
    const outcome = evaluateCondition(s.condition, ctx);
    const applied: AppliedStatement | null =
      outcome.truth === 'false' ? null : { st, policy: resourcePolicyRef(index, compiler, policy), truth: outcome.truth, unknown: outcome.unknown, resources: onItsResource(st, policy) };
    if (!readsCaller) state.shared.set(st, applied);
    return applied;
  };
  return {
    bits: state.bits,
    on(arn) {
      const key = index.resourceDenies.has(arn) ? arn : s3Object.exec(arn)?.[1];
      const denies = key === undefined ? undefined : index.resourceDenies.get(key);
      if (!denies) return none;
      let out = byResource.get(key!);
      if (!out) {
        out = [];
        for (const d of denies) {
          const applied = judge(d.policy, compiler.compile(d.policy.document)[d.statementIndex]);
          if (applied) out.push(applied);
        }
        byResource.set(key!, out);
      }
      return out;
    },
  };
}
