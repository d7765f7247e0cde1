import type { ActionUniverse } from '../evaluate/actionUniverse';
import { findGrant, type Grant } from '../evaluate/decide';
import type { PrincipalPolicies } from '../evaluate/principalPolicies';

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

/** An Allow of `*` on `*` that no deny or boundary cuts down for the probe actions. */
export function fullAdminGrant(pp: PrincipalPolicies, universe: ActionUniverse): Grant | undefined {
  const candidate = pp.identity.find(
    a => a.st.effect === 'Allow' && !a.st.notAction && a.st.actionPatterns.some(allActions) && !a.st.notResource && a.resources.includes('*'),
  );
  if (!candidate) return undefined;
  let conditional: Grant | undefined;
  for (const action of adminProbeActions) {
    const g = findGrant(pp, universe.indexOf(action), action, { arns: ['*'] });
    if (!g) return undefined;
    if (g.conditional) conditional ??= g;
  }
  const conditions = [...(candidate.unknown ? [candidate.unknown] : []), ...(conditional?.conditions ?? [])];
  return { action: '*', resource: '*', allowing: candidate, conditional: conditions.length > 0, conditions };
}
