import { accountOf } from '../arn';
import { denyCondition, evaluateCondition } from '../evaluate/conditions';
import { compileActionPattern, compileResourcePattern } from '../evaluate/patterns';
import { awsPrincipals, classifyAwsPrincipal } from '../evaluate/trust';
import type { CloudResource, ConditionBlock, PolicyStatement, ResourcePolicy } from '../model';

/** An Allow statement of a resource policy that lets principals outside the resource's account in. */
export interface ResourcePolicyExposure {
  statementIndex: number;
  /** `*` (anyone), or the account ids and principal ARNs of other accounts. */
  principals: string[];
  actions: string[];
  resources: string[];
  /** The statement's unknown conditions and, as `{ Deny: … }`, those of conditional Denies that may take it back. */
  conditions: ConditionBlock[];
}

export interface ResourcePolicyExposures {
  anyone: ResourcePolicyExposure[];
  otherAccounts: ResourcePolicyExposure[];
}

function deniesOf(policy: ResourcePolicy, now: Date) {
  return policy.document.statements
    .map((s, index) => ({ s, index, outcome: evaluateCondition(s.condition, { now }) }))
    .filter(d => d.s.effect === 'Deny' && d.outcome.truth !== 'false');
}

/**
 * The Deny statements (by index) of a resource policy that always apply to `value` (`*`: anyone):
 * those that cover an Allow take it back as a whole (see `resourcePolicyExposures`), the others
 * take away the actions they name.
 */
export function resourcePolicyDeniesFor(policy: ResourcePolicy, value: string, now: Date): number[] {
  return deniesOf(policy, now)
    .filter(d => d.outcome.truth === 'true' && deniedTo(d.s, value))
    .map(d => d.index);
}

/** Who an Allow lets in: `NotPrincipal` names everyone but a few, which is read as anyone. */
function allowed(s: PolicyStatement): string[] {
  if (s.notPrincipal) return ['*'];
  return awsPrincipals(s.principal);
}

/** Whether a Deny applies to `value` (`*` standing for anyone at all). */
function deniedTo(s: PolicyStatement, value: string): boolean {
  if (s.notPrincipal) return value !== '*' && !awsPrincipals(s.notPrincipal).includes(value);
  return awsPrincipals(s.principal).some(n => n === '*' || n === value);
}

/** Whether every pattern of `inner` is one of `outer`'s (a pattern read as the literal it names). */
function covers(outer: string[], inner: string[], compile: (p: string) => (s: string) => boolean): boolean {
  const matchers = outer.map(compile);
  return inner.every(p => matchers.some(m => m(p)));
}

/**
 * The Allow statements of a resource policy that open it to anyone or to other accounts. The
 * caller is unknown, so only conditions that hold or fail for every request are decided (dates,
 * for instance); the rest stay on the exposure as evidence. A Deny naming the same principals (or
 * everyone), for all of the statement's actions and resources, takes the statement back when it
 * holds unconditionally; a conditional one adds its condition.
 */
export function resourcePolicyExposures(policy: ResourcePolicy, ownerAccountId: string | undefined, now: Date): ResourcePolicyExposures {
  const out: ResourcePolicyExposures = { anyone: [], otherAccounts: [] };
  const statements = policy.document.statements;
  const denies = deniesOf(policy, now).filter(d => d.s.action && d.s.resource);
  statements.forEach((s, statementIndex) => {
    if (s.effect !== 'Allow') return;
    const outcome = evaluateCondition(s.condition, { now });
    if (outcome.truth === 'false') return;
    const actions = s.action ?? (s.notAction ?? []).map(a => `!${a}`);
    const resources = s.resource ?? (s.notResource ?? []).map(r => `!${r}`);
    const outside = allowed(s).filter(v => {
      const c = classifyAwsPrincipal(v);
      if (c.kind === 'anyone') return true;
      const account = c.kind === 'account' ? c.accountId : accountOf(c.arn);
      return ownerAccountId !== undefined && account !== '' && account !== ownerAccountId;
    });
    const conditions: ConditionBlock[] = outcome.unknown ? [outcome.unknown] : [];
    // Denies for all of this statement's actions and resources; NotAction and NotResource Allows are not compared.
    const covering = s.action && s.resource ? denies.filter(d => covers(d.s.action!, s.action!, compileActionPattern) && covers(d.s.resource!, s.resource!, compileResourcePattern)) : [];
    const deniesTo = (v: string) => covering.filter(d => deniedTo(d.s, v));
    const left = outside.filter(v => !deniesTo(v).some(d => d.outcome.truth === 'true'));
    for (const d of covering) if (d.outcome.truth === 'unknown' && left.some(v => deniesTo(v).includes(d))) conditions.push(denyCondition(d.outcome.unknown!));
    if (left.length === 0) return;
    const exposure = { statementIndex, principals: left, actions, resources, conditions };
    if (left.includes('*')) out.anyone.push({ ...exposure, principals: ['*'] });
    const accounts = left.filter(v => v !== '*');
    if (accounts.length) out.otherAccounts.push({ ...exposure, principals: accounts });
  });
  return out;
}

/** A resource policy, its resource (when an input describes it) and who it lets in from outside. */
export interface ExposedResource {
  rp: ResourcePolicy;
  resource?: CloudResource;
  exposures: ResourcePolicyExposures;
  now: Date;
}

export function exposedResources(policies: ResourcePolicy[], resources: CloudResource[], now: Date): ExposedResource[] {
  if (!policies.length) return [];
  const byArn = new Map(resources.map(r => [r.arn, r]));
  return policies.map(rp => {
    const resource = byArn.get(rp.resourceArn);
    const owner = resource?.accountId || accountOf(rp.resourceArn) || undefined;
    return { rp, resource, exposures: resourcePolicyExposures(rp, owner, now), now };
  });
}

/** A resource policy's AWS principal as a role-mapping principal: `*`, an account's root ARN, or the ARN named. */
export function principalArnOf(value: string): string {
  const c = classifyAwsPrincipal(value);
  if (c.kind === 'anyone') return '*';
  return c.kind === 'account' ? `arn:aws:iam::${c.accountId}:root` : c.arn;
}
