import type { ConditionBlock } from '../model';
import { compileResourcePattern } from './patterns';

export type Truth = 'true' | 'false' | 'unknown';

/** What is known about a request independent of the resource: time and the calling principal. */
export interface ConditionContext {
  now: Date;
  principalArn?: string;
  principalAccount?: string;
  /** The caller's organization, when its account is known to be a member of the model's. */
  principalOrgId?: string;
  /** `User` or `AssumedRole`. */
  principalType?: string;
  username?: string;
  principalTags?: Record<string, string>;
}

export interface ConditionOutcome {
  truth: Truth;
  /** The clauses whose truth is unknown (kept for evidence). */
  unknown?: ConditionBlock;
}

/** Keys every request carries, so `Null: true` on them can never hold and `StringLike *` always does. */
const alwaysPresent = new Set(['aws:currenttime', 'aws:epochtime', 'aws:principalarn', 'aws:principalaccount', 'aws:principaltype', 'aws:userid']);

function knownValue(key: string, ctx: ConditionContext): string | null | undefined {
  const k = key.toLowerCase();
  if (k === 'aws:currenttime') return ctx.now.toISOString();
  if (k === 'aws:epochtime') return String(Math.floor(ctx.now.getTime() / 1000));
  if (k === 'aws:principalarn') return ctx.principalArn;
  if (k === 'aws:principalaccount') return ctx.principalAccount;
  if (k === 'aws:principalorgid') return ctx.principalOrgId;
  if (k === 'aws:principaltype') return ctx.principalType;
  if (k === 'aws:username') {
    if (!ctx.principalType) return undefined;
    return ctx.principalType === 'User' ? ctx.username : null;
  }
  if (k.startsWith('aws:principaltag/') && ctx.principalTags) {
    const tag = key.slice('aws:PrincipalTag/'.length);
    const hit = Object.entries(ctx.principalTags).find(([t]) => t.toLowerCase() === tag.toLowerCase());
    return hit ? hit[1] : null;
  }
  return undefined; // unknown: depends on the request or resource
}

function toTime(v: string): number {
  return /^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v);
}

function compareOp(base: string, actual: string, expected: string): boolean | undefined {
  switch (base) {
    case 'StringEquals':
    case 'ArnEquals':
      return actual === expected;
    case 'StringEqualsIgnoreCase':
      return actual.toLowerCase() === expected.toLowerCase();
    case 'StringLike':
    case 'ArnLike':
      return compileResourcePattern(expected)(actual);
    case 'DateEquals':
      return toTime(actual) === toTime(expected);
    case 'DateLessThan':
      return toTime(actual) < toTime(expected);
    case 'DateLessThanEquals':
      return toTime(actual) <= toTime(expected);
    case 'DateGreaterThan':
      return toTime(actual) > toTime(expected);
    case 'DateGreaterThanEquals':
      return toTime(actual) >= toTime(expected);
    case 'NumericEquals':
      return Number(actual) === Number(expected);
    case 'NumericLessThan':
      return Number(actual) < Number(expected);
    case 'NumericLessThanEquals':
      return Number(actual) <= Number(expected);
    case 'NumericGreaterThan':
      return Number(actual) > Number(expected);
    case 'NumericGreaterThanEquals':
      return Number(actual) >= Number(expected);
    case 'Bool':
      return actual.toLowerCase() === expected.toLowerCase();
    default:
      return undefined;
  }
}

const negated: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
  DateNotEquals: 'DateEquals',
  NumericNotEquals: 'NumericEquals',
};

function evaluateClause(operator: string, key: string, values: string[], ctx: ConditionContext): Truth {
  let op = operator;
  let setQualifier = '';
  const q = /^(ForAnyValue|ForAllValues):(.*)$/.exec(op);
  if (q) {
    setQualifier = q[1];
    op = q[2];
  }
  const ifExists = op.endsWith('IfExists');
  if (ifExists) op = op.slice(0, -'IfExists'.length);
  const value = knownValue(key, ctx);
  const present = alwaysPresent.has(key.toLowerCase()) || (value !== undefined && value !== null);

  if (op === 'Null') {
    const wantsAbsent = values.some(v => v.toLowerCase() === 'true');
    if (value === undefined && !alwaysPresent.has(key.toLowerCase())) return 'unknown';
    return wantsAbsent === !present ? 'true' : 'false';
  }
  if (values.length === 0) return negated[op] ? 'true' : 'false';
  if (value === null) {
    // The key is known to be absent.
    if (ifExists || setQualifier === 'ForAllValues') return 'true';
    return negated[op] ? 'true' : 'false';
  }
  if (value === undefined) {
    if ((op === 'StringLike' || op === 'ArnLike') && values.includes('*') && (ifExists || present)) return 'true';
    return 'unknown';
  }
  const positive = negated[op] ?? op;
  const results = values.map(v => compareOp(positive, value, v));
  if (results.some(r => r === undefined)) return 'unknown';
  const anyMatch = results.some(Boolean);
  const holds = negated[op] ? !anyMatch : anyMatch;
  return holds ? 'true' : 'false';
}

/** Three-valued evaluation of a condition block: every clause must hold. */
export function evaluateCondition(block: ConditionBlock | undefined, ctx: ConditionContext): ConditionOutcome {
  if (!block) return { truth: 'true' };
  let unknown: ConditionBlock | undefined;
  for (const [operator, keys] of Object.entries(block)) {
    for (const [key, values] of Object.entries(keys)) {
      const t = evaluateClause(operator, key, values, ctx);
      if (t === 'false') return { truth: 'false' };
      if (t === 'unknown') {
        unknown ??= {};
        (unknown[operator] ??= {})[key] = values;
      }
    }
  }
  return unknown ? { truth: 'unknown', unknown } : { truth: 'true' };
}

/** Whether a condition block mentions a key (case-insensitive), e.g. `aws:MultiFactorAuthPresent`. */
export function conditionMentions(block: ConditionBlock | undefined, key: string): boolean {
  if (!block) return false;
  const k = key.toLowerCase();
  return Object.values(block).some(keys => Object.keys(keys).some(x => x.toLowerCase() === k));
}

/** An unresolved Deny condition as evidence: `{ Deny: { 'Operator:key': values } }`. */
export function denyCondition(block: ConditionBlock): ConditionBlock {
  const out: Record<string, string[]> = {};
  for (const [op, keys] of Object.entries(block)) for (const [k, v] of Object.entries(keys)) out[`${op}:${k}`] = v;
  return { Deny: out };
}
