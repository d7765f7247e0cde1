import type { ConditionBlock } from '../model';
import { hasBit } from './actionUniverse';
import { denyCondition } from './conditions';
import { compileResourcePattern, hasWildcard, patternCovers } from './patterns';
import { limitsOf, type AppliedStatement, type PrincipalPolicies } from './principalPolicies';

/** One way a principal holds an action: the statements that allow it and on what. */
export interface Grant {
  action: string;
  /** The ARN or ARN pattern the action is allowed on. */
  resource: string;
  allowing: AppliedStatement;
  conditional: boolean;
  conditions: ConditionBlock[];
}

/**
 * `writable`: any resource outside the AWS-managed namespace; `others`: the same but not the
 * principal itself (a new access key for yourself is no escalation); otherwise concrete ARNs.
 */
export type GrantTarget = 'writable' | 'others' | { arns: string[] };

const awsManagedNamespace = /^arn:[^:*?]+:iam::aws:/;

function matchesArn(a: AppliedStatement, arn: string): boolean {
  const hit = a.resources.some(r => compileResourcePattern(r)(arn));
  return a.st.notResource ? !hit : hit;
}

const overlaps = (x: string, y: string) => compileResourcePattern(x)(y) || compileResourcePattern(y)(x);

/** Whether statement `a` applies to every resource pattern `p` matches (for denies) or to some (for limits: boundaries, SCPs). */
function coversPattern(a: AppliedStatement, p: string): boolean {
  if (a.st.notResource) return !a.resources.some(n => overlaps(n, p));
  return a.resources.some(r => patternCovers(r, p));
}

function touchesPattern(a: AppliedStatement, p: string): boolean {
  if (a.st.notResource) return !a.resources.some(n => patternCovers(n, p));
  return a.resources.some(r => overlaps(r, p));
}

/**
 * How statements are matched against the resource a grant is judged on: `pattern` for a
 * resource pattern (Denies must cover it, limits touch it), `arn` for a concrete ARN,
 * `everywhere` when every Deny and limit statement applies to all resources anyway.
 */
type MatchMode = 'pattern' | 'arn' | 'everywhere';

function denies(a: AppliedStatement, mode: MatchMode, resource: string): boolean {
  if (mode === 'pattern') return coversPattern(a, resource);
  return mode === 'arn' ? matchesArn(a, resource) : true;
}

function bounds(a: AppliedStatement, mode: MatchMode, resource: string): boolean {
  if (mode === 'pattern') return touchesPattern(a, resource);
  return mode === 'arn' ? matchesArn(a, resource) : true;
}

/** `conditions` with those of the Denies in `list` that may take action `i` away; null when one always does. */
function afterDenies(list: AppliedStatement[], i: number, mode: MatchMode, resource: string, conditions: ConditionBlock[] | undefined): ConditionBlock[] | undefined | null {
  let out = conditions;
  for (const d of list) {
    if (!hasBit(d.st.bits, i) || !denies(d, mode, resource)) continue;
    if (d.truth === 'true') return null;
    if (d.unknown) (out ??= []).push(denyCondition(d.unknown));
  }
  return out;
}

function judge(pp: PrincipalPolicies, i: number, allow: AppliedStatement, resource: string, mode: MatchMode, action: string): Grant | undefined {
  let conditions = afterDenies(pp.denies, i, mode, resource, allow.unknown ? [allow.unknown] : undefined);
  // Resource policies' and RCPs' Denies depend on the resource (its policy, its account, its service): never judged everywhere.
  if (conditions !== null && mode !== 'everywhere' && pp.resourceDenies && hasBit(pp.resourceDenies.bits, i)) {
    conditions = afterDenies(mode === 'arn' ? pp.resourceDenies.on(resource) : pp.resourceDenies.onPattern(resource), i, mode, resource, conditions);
  }
  if (conditions === null) return undefined;
  // Every limit (boundary, each SCP level) must allow the action as well.
  for (const limit of limitsOf(pp, allow) ?? []) {
    let first: AppliedStatement | undefined;
    let unconditional = false;
    for (const b of limit) {
      if (b.st.effect !== 'Allow' || !hasBit(b.st.bits, i) || !bounds(b, mode, resource)) continue;
      first ??= b;
      if (b.truth === 'true') unconditional = true;
    }
    if (!first) return undefined;
    if (!unconditional && first.unknown) (conditions ??= []).push(first.unknown);
  }
  return { action, resource, allowing: allow, conditional: conditions !== undefined, conditions: conditions ?? [] };
}

/** A Deny with NotResource leaves only its NotResource patterns allowed: narrow the candidates to them. */
function narrowByNotResourceDenies(pp: PrincipalPolicies, i: number, patterns: string[]): string[] {
  let out = patterns;
  for (const d of pp.denies) {
    if (!d.st.notResource || d.truth !== 'true' || !hasBit(d.st.bits, i)) continue;
    out = out.flatMap(p => d.resources.filter(n => overlaps(n, p)).map(n => (patternCovers(p, n) ? n : p)));
  }
  return out;
}

const coversEverything = (a: AppliedStatement) => !a.st.notResource && a.resources.includes('*');

/** Whether every Deny and limit statement that names action `i` applies to all resources. */
function resourceIndependent(pp: PrincipalPolicies, i: number): boolean {
  if (pp.resourceDenies && hasBit(pp.resourceDenies.bits, i)) return false;
  for (const d of pp.denies) if (hasBit(d.st.bits, i) && !coversEverything(d)) return false;
  for (const limit of pp.limits ?? []) for (const b of limit) if (hasBit(b.st.bits, i) && !coversEverything(b)) return false;
  return true;
}

/**
 * Finds a grant of one universe action to a principal on the target, applying explicit
 * denies (Deny wins), NotResource, permission boundaries, service control policies and three-valued conditions.
 * Unconditional grants are preferred over conditional ones.
 */
export function findGrant(pp: PrincipalPolicies, i: number, action: string, target: GrantTarget): Grant | undefined {
  if (!hasBit(pp.allowBits, i)) return undefined;
  let conditional: Grant | undefined;
  // When every deny and limit statement for the action covers all resources, the verdict is the
  // same for every ARN an Allow matches: judging the first one suffices (lists can be long).
  const firstArnOnly = typeof target === 'object' && target.arns.length > 1 && resourceIndependent(pp, i);
  const self = target === 'others' ? pp.principal.arn : undefined;
  for (const allow of pp.identity) {
    if (allow.st.effect !== 'Allow' || !hasBit(allow.st.bits, i)) continue;
    if (target === 'writable' || target === 'others') {
      let allowed = allow.resources;
      // Allow with NotResource reaches every resource outside its list, i.e. `*` unless the list is `*`.
      if (allow.st.notResource) allowed = allow.resources.includes('*') ? [] : ['*'];
      for (const p of narrowByNotResourceDenies(pp, i, allowed)) {
        if (awsManagedNamespace.test(p) || p === self) continue;
        const grant = judge(pp, i, allow, p, 'pattern', action);
        if (!grant) continue;
        if (!grant.conditional) return grant;
        conditional ??= grant;
      }
    } else {
      for (const arn of target.arns) {
        if (!matchesArn(allow, arn)) continue;
        const grant = judge(pp, i, allow, arn, 'arn', action);
        if (grant) {
          if (!grant.conditional) return grant;
          conditional ??= grant;
        }
        if (firstArnOnly) break;
      }
    }
  }
  return conditional;
}

/** Grants of one action on ARNs, asked one ARN at a time. */
export interface GrantsOn {
  on(arn: string): Grant | undefined;
  /**
   * When the answer can be split: for every ARN outside `arns`, `on` gives what `common.on` gives,
   * and equal `common.key`s give equal answers (up to the grant's statement object). Undefined
   * when the answer depends on more than the allowing statements' resources and verdicts.
   */
  split?: { arns: Set<string>; common: { key: string; on(arn: string): Grant | undefined } };
}

/**
 * `on(arn)` = `findGrant(pp, i, action, { arns: [arn] })`, for asking about many ARNs: when every
 * Deny and limit statement for the action covers all resources, each Allow is judged once.
 */
export function grantsOn(pp: PrincipalPolicies, i: number, action: string): GrantsOn {
  const nothing = () => undefined;
  if (!hasBit(pp.allowBits, i)) return { on: nothing, split: { arns: new Set(), common: { key: '', on: nothing } } };
  if (!resourceIndependent(pp, i)) return { on: arn => findGrant(pp, i, action, { arns: [arn] }) };
  const allows = pp.identity.filter(a => a.st.effect === 'Allow' && hasBit(a.st.bits, i));
  const judged = allows.map(a => judge(pp, i, a, '', 'everywhere', action));
  const answer = (picked: number[]) => (arn: string) => {
    let conditional: Grant | undefined;
    for (const k of picked) {
      const g = judged[k];
      if (!g || !matchesArn(allows[k], arn)) continue;
      if (!g.conditional) return { ...g, resource: arn };
      conditional ??= { ...g, resource: arn };
    }
    return conditional;
  };
  const all = allows.map((_, k) => k);
  // Allows on every resource decide for most ARNs; Allows on literal ARNs only for those ARNs.
  const everywhere = all.filter(k => coversEverything(allows[k]));
  const literal = all.filter(k => !coversEverything(allows[k]));
  if (literal.some(k => allows[k].st.notResource || allows[k].resources.some(hasWildcard))) return { on: answer(all) };
  const key = everywhere
    .map(k => {
      const g = judged[k];
      if (!g) return 'none';
      return g.conditional ? JSON.stringify(g.conditions) : 'yes';
    })
    .join('\n');
  return { on: answer(all), split: { arns: new Set(literal.flatMap(k => allows[k].resources)), common: { key, on: answer(everywhere) } } };
}
