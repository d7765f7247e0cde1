import { accountOf } from '../arn';
import { denyCondition, evaluateCondition } from '../evaluate/conditions';
import { compileActionPattern, compileResourcePattern } from '../evaluate/patterns';
import { awsPrincipals, classifyAwsPrincipal, denyNames } from '../evaluate/trust';
import type { ResourceControl, ResourceControlDeny } from '../evaluate/resourceControl';
import type { CloudModel, CloudResource, ConditionBlock, PolicyDocument, PolicyStatement, ResourcePolicy } from '../model';

/** An Allow statement of a resource policy that lets one principal outside the resource's account in. */
export interface ResourcePolicyExposure {
  statementIndex: number;
  /** `*` (anyone), or an account id or principal ARN of another account. */
  principal: string;
  actions: string[];
  resources: string[];
  /** The statement's unknown conditions and, as `{ Deny: … }`, those of conditional Denies that may take it back. */
  conditions: ConditionBlock[];
  /** Whether the Allow's own condition narrows callers by a fixed value (source, VPC, organization …): S3 then does not count it as public. */
  narrowed: boolean;
  /** The Denies of the policy and of RCPs over the resource that always apply to the principal: they take away the actions they name. */
  deniedBy: StatementRef[];
}

/** One statement of a policy document. */
export interface StatementRef {
  document: PolicyDocument;
  statementIndex: number;
}

export interface ResourcePolicyExposures {
  anyone: ResourcePolicyExposure[];
  otherAccounts: ResourcePolicyExposure[];
}

/** The policy's Denies and those of the RCPs over its resource (which name every caller), whose conditions can hold. */
function deniesOf(policy: ResourcePolicy, controls: ResourceControlDeny[], now: Date) {
  const own = policy.document.statements.map((s, statementIndex) => ({ s, ref: { document: policy.document, statementIndex }, everyone: false }));
  const rcps = controls.map(c => ({ s: c.statement, ref: { document: c.document, statementIndex: c.statementIndex }, everyone: true }));
  return [...own, ...rcps].map(d => ({ ...d, outcome: evaluateCondition(d.s.condition, { now }) })).filter(d => d.s.effect === 'Deny' && d.outcome.truth !== 'false');
}

/** Who an Allow lets in: `NotPrincipal` names everyone but a few, which is read as anyone. */
function allowed(s: PolicyStatement): string[] {
  if (s.notPrincipal) return ['*'];
  return awsPrincipals(s.principal);
}

/** Whether every pattern of `inner` is one of `outer`'s (a pattern read as the literal it names). */
function covers(outer: string[], inner: string[], compile: (p: string) => (s: string) => boolean): boolean {
  const matchers = outer.map(compile);
  return inner.every(p => matchers.some(m => m(p)));
}

/** Condition keys that name the calling principal's account (`kms:CallerAccount` is KMS's name for it). */
const callerAccountKeys = new Set(['aws:principalaccount', 'kms:calleraccount']);

/**
 * Keys that, compared with a fixed value, make S3 judge a policy not public (see "The meaning of
 * public" in the S3 user guide).
 */
const narrowingKeys = new Set([
  'aws:sourceip',
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:userid',
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalorgid',
  'kms:calleraccount',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
]);

/** The condition with `kms:CallerAccount` read as `aws:PrincipalAccount`, so the caller's account decides it. */
function callerAccountAsPrincipalAccount(block: ConditionBlock): ConditionBlock {
  const out: ConditionBlock = {};
  for (const [op, keys] of Object.entries(block)) {
    out[op] = {};
    for (const [k, v] of Object.entries(keys)) out[op][callerAccountKeys.has(k.toLowerCase()) ? 'aws:PrincipalAccount' : k] = v;
  }
  return out;
}

/**
 * Keys that pin `*` to accounts: the caller's account, or (`aws:SourceAccount`, `aws:SourceOwner`)
 * the account whose resource a service acts for, as in the default SNS topic policy.
 */
const pinningKeys = new Set([...callerAccountKeys, 'aws:sourceaccount', 'aws:sourceowner']);

/** The accounts a condition pins callers to with `StringEquals`, if it does. */
function pinnedAccounts(block: ConditionBlock | undefined): string[] | undefined {
  for (const [op, keys] of Object.entries(block ?? {})) {
    if (op !== 'StringEquals') continue;
    for (const [k, v] of Object.entries(keys)) if (pinningKeys.has(k.toLowerCase())) return v;
  }
  return undefined;
}

function isNarrowed(block: ConditionBlock | undefined): boolean {
  return Object.entries(block ?? {}).some(([op, keys]) => !/Not|Null/.test(op) && Object.keys(keys).some(k => narrowingKeys.has(k.toLowerCase())));
}

/**
 * Who a resource policy lets in from outside its resource's account, per Allow and principal.
 * The caller is unknown, so a condition is decided only as far as the principal tells (its
 * account, its ARN) and the time does; the rest stays on the exposure as evidence. `*` pinned to
 * accounts by `aws:PrincipalAccount`, `kms:CallerAccount`, `aws:SourceAccount` or
 * `aws:SourceOwner` stands for those accounts. A Deny in
 * the same policy that names the principal (or everyone, or everyone but others through
 * `NotPrincipal`) and covers all of the Allow's actions and resources takes it back when
 * unconditional, and adds its condition as `{ Deny: … }` otherwise. A bucket whose Block Public
 * Access restricts public buckets gives outsiders nothing through a public policy.
 */
export function resourcePolicyExposures(policy: ResourcePolicy, ownerAccountId: string | undefined, now: Date, restrictPublic = false, controls: ResourceControlDeny[] = []): ResourcePolicyExposures {
  const out: ResourcePolicyExposures = { anyone: [], otherAccounts: [] };
  const statements = policy.document.statements;
  const allDenies = deniesOf(policy, controls, now);
  const denies = allDenies.filter(d => d.s.action && d.s.resource);
  statements.forEach((s, statementIndex) => {
    if (s.effect !== 'Allow') return;
    const condition = s.condition && callerAccountAsPrincipalAccount(s.condition);
    const actions = s.action ?? (s.notAction ?? []).map(a => `!${a}`);
    const resources = s.resource ?? (s.notResource ?? []).map(r => `!${r}`);
    // Denies for all of this statement's actions and resources; NotAction and NotResource Allows are not compared.
    const covering = s.action && s.resource ? denies.filter(d => covers(d.s.action!, s.action!, compileActionPattern) && covers(d.s.resource!, s.resource!, compileResourcePattern)) : [];
    const candidates = allowed(s).flatMap(v => (v === '*' ? pinnedAccounts(condition) ?? ['*'] : [v]));
    for (const principal of new Set(candidates)) {
      const c = classifyAwsPrincipal(principal);
      let account: string | undefined;
      if (c.kind === 'account') account = c.accountId;
      else if (c.kind === 'arn') account = accountOf(c.arn);
      if (c.kind !== 'anyone' && (ownerAccountId === undefined || !account || account === ownerAccountId)) continue;
      const outcome = evaluateCondition(condition, { now, principalAccount: account, principalArn: c.kind === 'arn' && !c.arn.endsWith(':root') ? c.arn : undefined });
      if (outcome.truth === 'false') continue;
      const names = (d: (typeof allDenies)[number]) => d.everyone || denyNames(d.s, principal);
      const against = covering.filter(names);
      if (against.some(d => d.outcome.truth === 'true')) continue;
      const conditions = [...(outcome.unknown ? [outcome.unknown] : []), ...against.map(d => denyCondition(d.outcome.unknown!))];
      const deniedBy = allDenies.filter(d => d.outcome.truth === 'true' && names(d)).map(d => d.ref);
      const exposure = { statementIndex, principal, actions, resources, conditions, narrowed: isNarrowed(s.condition), deniedBy };
      (principal === '*' ? out.anyone : out.otherAccounts).push(exposure);
    }
  });
  if (restrictPublic && out.anyone.some(e => !e.narrowed)) return { anyone: [], otherAccounts: [] };
  return out;
}

/** A resource policy, its resource (when an input describes it) and who it lets in from outside. */
export interface ExposedResource {
  rp: ResourcePolicy;
  resource?: CloudResource;
  exposures: ResourcePolicyExposures;
}

/** `control`: the RCPs, whose Denies apply to every caller of the resources they govern. */
export function exposedResources(model: Pick<CloudModel, 'resourcePolicies' | 'publicAccessBlocks'>, resources: CloudResource[], now: Date, control?: ResourceControl): ExposedResource[] {
  const policies = model.resourcePolicies ?? [];
  if (!policies.length) return [];
  const byArn = new Map(resources.map(r => [r.arn, r]));
  const restricting = new Set((model.publicAccessBlocks ?? []).filter(b => b.restrictPublicBuckets).map(b => b.target));
  return policies.map(rp => {
    const resource = byArn.get(rp.resourceArn);
    const owner = resource?.accountId || accountOf(rp.resourceArn) || undefined;
    // The bucket's setting and its account's both apply: either one restricting is enough.
    const isBucket = /^arn:[^:]+:s3:::[^/]+$/.test(rp.resourceArn);
    const restrictPublic = isBucket && (restricting.has(rp.resourceArn) || (!!owner && restricting.has(owner)));
    return { rp, resource, exposures: resourcePolicyExposures(rp, owner, now, restrictPublic, control?.deniesOn(rp.resourceArn, owner) ?? []) };
  });
}

/** A resource policy's AWS principal as a role-mapping principal: `*`, an account's root ARN, or the ARN named. */
export function principalArnOf(value: string): string {
  const c = classifyAwsPrincipal(value);
  if (c.kind === 'anyone') return '*';
  return c.kind === 'account' ? `arn:aws:iam::${c.accountId}:root` : c.arn;
}
