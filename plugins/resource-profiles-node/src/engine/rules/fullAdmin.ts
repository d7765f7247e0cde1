import type { ActionUniverse } from '../evaluate/actionUniverse';
import { findGrant, type Grant } from '../evaluate/decide';
import { withoutServiceControl, type PrincipalPolicies } from '../evaluate/principalPolicies';

/** Actions an admin must still hold after denies for `*` on `*` to count as full admin. */
export const adminProbeActions = [
  'iam:putrolepolicy',
  'iam:attachrolepolicy',
  'iam:createpolicyversion',
  'iam:createaccesskey',
  'iam:passrole',
  'sts:assumerole',
  'ec2:runinstances',
  's3:getobject',
];

const allActions = (p: string) => p === '*' || p === '*:*';

/** With any of these left, an admin rewrites its own permissions up to what the SCPs allow. */
const selfChangeActions = ['iam:putrolepolicy', 'iam:attachrolepolicy', 'iam:createpolicyversion'];

export interface AdminGrant extends Grant {
  /** Probe actions the organization's service control policies deny (lower case). */
  deniedByServiceControl: string[];
}

/**
 * An Allow of `*` on `*` that no deny or boundary of the account cuts down for the probe actions.
 * Service control policies are guardrails above the account: an admin stays admin of what they
 * leave (the grant lists the probes they deny), unless they also take away every way to change
 * its own permissions.
 */
export function fullAdminGrant(pp: PrincipalPolicies, universe: ActionUniverse): AdminGrant | undefined {
  const candidate = pp.identity.find(
    a => a.st.effect === 'Allow' && !a.st.notAction && a.st.actionPatterns.some(allActions) && !a.st.notResource && a.resources.includes('*'),
  );
  if (!candidate) return undefined;
  const inAccount = withoutServiceControl(pp);
  const probe = (policies: PrincipalPolicies, action: string) => findGrant(policies, universe.indexOf(action), action, { arns: ['*'] });
  let conditional: Grant | undefined;
  for (const action of adminProbeActions) {
    const g = probe(inAccount, action);
    if (!g) return undefined;
    if (g.conditional) conditional ??= g;
  }
  const deniedByServiceControl = inAccount !== pp ? adminProbeActions.filter(action => !probe(pp, action)) : [];
  if (selfChangeActions.every(a => deniedByServiceControl.includes(a))) return undefined;
  const conditions = [...(candidate.unknown ? [candidate.unknown] : []), ...(conditional?.conditions ?? [])];
  return { action: '*', resource: '*', allowing: candidate, conditional: conditions.length > 0, conditions, deniedByServiceControl };
}
