import type { ConditionBlock, PolicyStatement, Principal, PrincipalBlock } from '../model';
import { accountOf } from '../arn';
import { denyCondition, evaluateCondition, type ConditionContext, type Truth } from './conditions';
import { compileActionPattern } from './patterns';

/** Who a role's trust policy lets call sts:AssumeRole, before conditions. */
export interface TrustAudience {
  anyone: boolean;
  accounts: Set<string>;
  arns: Set<string>;
  services: Set<string>;
}

const assumeActions = ['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity'];

export function statementAllowsAssume(s: PolicyStatement): boolean {
  const patterns = s.action ?? s.notAction ?? [];
  const hit = patterns.some(p => compileActionPattern(p)('sts:assumerole'));
  return s.action ? hit : !hit;
}

export function awsPrincipals(block: PrincipalBlock | undefined): string[] {
  if (!block) return [];
  if (block === '*') return ['*'];
  return block.AWS ?? [];
}

/** Normalizes a trust-policy AWS principal to an account id, `*`, or a principal ARN. */
export function classifyAwsPrincipal(value: string): { kind: 'anyone' } | { kind: 'account'; accountId: string } | { kind: 'arn'; arn: string } {
  if (value === '*') return { kind: 'anyone' };
  if (/^\d{12}$/.test(value)) return { kind: 'account', accountId: value };
  const root = /^arn:[^:]+:iam::(\d{12}|[^:]+):root$/.exec(value);
  if (root) return { kind: 'account', accountId: root[1] };
  return { kind: 'arn', arn: value };
}

export function trustAudience(role: Principal): TrustAudience {
  const audience: TrustAudience = { anyone: false, accounts: new Set(), arns: new Set(), services: new Set() };
  for (const s of role.trustPolicy?.statements ?? []) {
    if (s.effect !== 'Allow' || !statementAllowsAssume(s)) continue;
    if (s.principal && s.principal !== '*') for (const svc of s.principal.Service ?? []) audience.services.add(svc);
    for (const value of awsPrincipals(s.principal)) {
      const c = classifyAwsPrincipal(value);
      if (c.kind === 'anyone') audience.anyone = true;
      else if (c.kind === 'account') audience.accounts.add(c.accountId);
      else audience.arns.add(c.arn);
    }
  }
  return audience;
}

/** Whether a Principal block names the caller: everyone, its account, or its ARN. */
export function principalMatches(block: PrincipalBlock | undefined, caller: Principal): boolean {
  return awsPrincipals(block).some(v => {
    const c = classifyAwsPrincipal(v);
    if (c.kind === 'anyone') return true;
    if (c.kind === 'account') return c.accountId === caller.accountId;
    return c.arn === caller.arn;
  });
}

/**
 * Whether a Deny applies to `value` (a principal ARN, an account, or `*` standing for anyone at
 * all): it names it or everyone, or (`NotPrincipal`) everyone but it.
 */
export function denyNames(s: PolicyStatement, value: string): boolean {
  if (s.notPrincipal) return value !== '*' && !awsPrincipals(s.notPrincipal).includes(value);
  return awsPrincipals(s.principal).some(n => n === '*' || n === value);
}

export interface TrustDecision {
  truth: Truth;
  conditions: ConditionBlock[];
}

/** Three-valued: does the role's trust policy let this principal assume it? Deny wins. */
export function trustAllows(role: Principal, caller: Principal, ctx: ConditionContext): TrustDecision {
  let allowed: Truth = 'false';
  const conditions: ConditionBlock[] = [];
  for (const s of role.trustPolicy?.statements ?? []) {
    if (!statementAllowsAssume(s)) continue;
    const named = s.notPrincipal ? !principalMatches(s.notPrincipal, caller) : principalMatches(s.principal, caller);
    if (!named) continue;
    const outcome = evaluateCondition(s.condition, ctx);
    if (outcome.truth === 'false') continue;
    if (s.effect === 'Deny') {
      if (outcome.truth === 'true') return { truth: 'false', conditions: [] };
      conditions.push(denyCondition(outcome.unknown!));
      continue;
    }
    if (outcome.truth === 'true') allowed = 'true';
    else {
      if (allowed === 'false') allowed = 'unknown';
      conditions.push(outcome.unknown!);
    }
  }
  if (allowed === 'false') return { truth: 'false', conditions: [] };
  if (allowed === 'true' && !conditions.some(c => 'Deny' in c)) return { truth: 'true', conditions: [] };
  return { truth: 'unknown', conditions };
}

/** Condition keys whose value comes from the calling principal (see conditions.ts). */
const callerKey = /^aws:(principalarn|principalaccount|principalorgid|principaltype|username|principaltag\/)/i;

/** Whether a condition reads the calling principal, so that it may decide differently per caller. */
export function conditionReadsCaller(block: ConditionBlock | undefined): boolean {
  for (const keys of Object.values(block ?? {})) if (Object.keys(keys).some(k => callerKey.test(k))) return true;
  return false;
}

interface TrustShape {
  /** Some condition reads the caller: decisions cannot be shared between callers. */
  readsCaller: boolean;
  namedArns: Set<string>;
}

const shapes = new WeakMap<Principal, TrustShape>();

function trustShape(role: Principal): TrustShape {
  let shape = shapes.get(role);
  if (!shape) {
    shape = { readsCaller: false, namedArns: new Set() };
    for (const s of role.trustPolicy?.statements ?? []) {
      if (conditionReadsCaller(s.condition)) shape.readsCaller = true;
      for (const v of [...awsPrincipals(s.principal), ...awsPrincipals(s.notPrincipal)]) {
        const c = classifyAwsPrincipal(v);
        if (c.kind === 'arn') shape.namedArns.add(c.arn);
      }
    }
    shapes.set(role, shape);
  }
  return shape;
}

/** Principal ARNs a role's trust policy names (in Principal or NotPrincipal). */
export function trustNamedArns(role: Principal): Set<string> {
  return trustShape(role).namedArns;
}

/** Whether a condition of the role's trust policy reads the calling principal. */
export function trustReadsCaller(role: Principal): boolean {
  return trustShape(role).readsCaller;
}

/**
 * What `trustAllows(role, caller, …)` depends on, as a key: the caller's account, and its ARN
 * when the trust policy names it. Undefined when a condition reads the caller (no sharing).
 */
export function trustDecisionKey(role: Principal, caller: Principal): string | undefined {
  const shape = trustShape(role);
  if (shape.readsCaller) return undefined;
  return `${caller.accountId}|${shape.namedArns.has(caller.arn) ? caller.arn : ''}`;
}

export const isCrossAccount = (role: Principal, value: string) => {
  const c = classifyAwsPrincipal(value);
  if (c.kind === 'account') return c.accountId !== role.accountId;
  if (c.kind === 'arn') return accountOf(c.arn) !== role.accountId;
  return false;
};

export { assumeActions };
