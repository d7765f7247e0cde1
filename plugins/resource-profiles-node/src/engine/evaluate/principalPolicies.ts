import type { ConditionBlock, PolicyDocument, Principal } from '../model';
import { ActionUniverse, orInto } from './actionUniverse';
import { evaluateCondition, type ConditionContext } from './conditions';
import { groupsOf, type ModelIndex } from './modelIndex';
import { substitutePolicyVariables } from './patterns';

export type PathKind = 'direct' | 'group' | 'assumed-role';

/** Which policy a statement came from and how it reaches the principal. */
export interface PolicyRef {
  policyArn?: string;
  policyName: string;
  kind: 'inline' | 'managed' | 'boundary';
  path: { kind: 'direct' | 'group'; via: string[] };
}

export interface CompiledStatement {
  effect: 'Allow' | 'Deny';
  statementIndex: number;
  actionPatterns: string[];
  notAction: boolean;
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
  /** Undefined when the principal has no permissions boundary. */
  boundary?: AppliedStatement[];
  allowBits: Uint32Array;
  /** Customer- and AWS-managed policies attached directly or through groups. */
  attachedPolicyArns: string[];
}

export class StatementCompiler {
  private readonly cache = new WeakMap<PolicyDocument, CompiledStatement[]>();
  constructor(readonly universe: ActionUniverse) {}

  compile(doc: PolicyDocument): CompiledStatement[] {
    let out = this.cache.get(doc);
    if (out) return out;
    out = doc.statements.map((s, statementIndex) => {
      const notAction = s.action === undefined;
      const actionPatterns = (notAction ? s.notAction : s.action) ?? [];
      const notResource = s.resource === undefined && s.notResource !== undefined;
      const resourcePatterns = (notResource ? s.notResource : s.resource) ?? [];
      return {
        effect: s.effect,
        statementIndex,
        actionPatterns,
        notAction,
        resourcePatterns,
        notResource,
        condition: s.condition,
        hasVariables: resourcePatterns.some(r => r.includes('${')),
        bits: this.universe.bitsFor(actionPatterns, notAction),
      };
    });
    this.cache.set(doc, out);
    return out;
  }
}

export function conditionContextFor(principal: Principal, now: Date): ConditionContext {
  return {
    now,
    principalArn: principal.arn,
    principalAccount: principal.accountId,
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
  statements: CompiledStatement[],
  policy: PolicyRef,
  ctx: ConditionContext,
  vars: () => Record<string, string>,
  out: AppliedStatement[],
): void {
  for (const st of statements) {
    const outcome = evaluateCondition(st.condition, ctx);
    if (outcome.truth === 'false') continue;
    const resources = st.hasVariables
      ? st.resourcePatterns.map(r => substitutePolicyVariables(r, vars())).filter(r => !r.includes(absent))
      : st.resourcePatterns;
    out.push({ st, policy, truth: outcome.truth, unknown: outcome.unknown, resources });
  }
}

/** Gathers every statement that applies to a principal: inline, managed and (users) group policies. */
export function principalPolicies(
  index: ModelIndex,
  compiler: StatementCompiler,
  principal: Principal,
  now: Date,
): PrincipalPolicies {
  const ctx = conditionContextFor(principal, now);
  let varsCache: Record<string, string> | undefined;
  const vars = () => (varsCache ??= policyVariables(principal));
  const identity: AppliedStatement[] = [];
  const attachedPolicyArns: string[] = [];
  const direct = { kind: 'direct' as const, via: [] };

  const addHolder = (holder: Principal, path: PolicyRef['path']) => {
    for (const inline of holder.inlinePolicies) {
      apply(compiler.compile(inline.document), { policyName: inline.name, kind: 'inline', path }, ctx, vars, identity);
    }
    for (const arn of holder.managedPolicyArns) {
      attachedPolicyArns.push(arn);
      const policy = index.policiesByArn.get(arn);
      if (!policy) continue;
      apply(compiler.compile(policy.document), { policyArn: arn, policyName: policy.name, kind: 'managed', path }, ctx, vars, identity);
    }
  };

  addHolder(principal, direct);
  if (principal.type === 'user') {
    for (const group of groupsOf(index, principal)) addHolder(group, { kind: 'group', via: [group.arn] });
  }

  let boundary: AppliedStatement[] | undefined;
  if (principal.permissionsBoundaryArn && principal.type !== 'group') {
    boundary = [];
    const policy = index.policiesByArn.get(principal.permissionsBoundaryArn);
    // An unknown boundary policy cannot be evaluated; treat it as allowing nothing is too strong,
    // so it is ignored and the model warning says so.
    if (policy) {
      apply(
        compiler.compile(policy.document),
        { policyArn: policy.arn, policyName: policy.name, kind: 'boundary', path: direct },
        ctx,
        vars,
        boundary,
      );
    } else {
      boundary = undefined;
    }
  }

  const allowBits = compiler.universe.empty();
  for (const a of identity) if (a.st.effect === 'Allow') orInto(allowBits, a.st.bits);
  return { principal, identity, boundary, allowBits, attachedPolicyArns };
}
