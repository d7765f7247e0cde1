import type { EscalationMethod } from './ruleSet';

export function escalationRemediation(method: EscalationMethod, chain?: string[]): string {
  const actions = method.actions.join(', ');
  const via = chain && chain.length > 1 ? ` or remove the principal's ability to assume ${chain[chain.length - 1]}` : '';
  return `Remove or scope down ${actions} (restrict the Resource to what the principal must manage, add a Deny, or a permissions boundary)${via}.`;
}

export const remediations = {
  fullAdmin: 'Replace `*` on `*` with the actions and resources this principal needs; keep break-glass admin behind MFA and just-in-time access.',
  sod: (duties: string[]) => `Split the duties ${duties.join(' and ')} between different principals (and people); grant one of them just in time with an independent approver.`,
  trustOpen: 'Name the exact principals in the trust policy instead of "*", or add conditions such as aws:PrincipalOrgID and sts:ExternalId.',
  trustCrossAccount: 'Confirm the other account is trusted; name the exact role, and require sts:ExternalId or aws:PrincipalOrgID.',
  noMfa: 'Add a Condition with "Bool": {"aws:MultiFactorAuthPresent": "true"} to the trust policy of this privileged role.',
  unused: 'Delete the role or remove its privileges; re-create it through just-in-time access when needed.',
  attachedToUser: 'Attach the policies to a group or a role the user assumes instead of to the user.',
  resourcePolicyOpen: 'Name the exact principals in the resource policy instead of "*", or add conditions such as aws:PrincipalOrgID, aws:SourceArn or aws:SourceVpce.',
  resourcePolicyCrossAccount: 'Confirm each other account should reach this resource; name the exact roles rather than whole accounts, and scope the actions down.',
  noOwner: 'Add an owner tag (e.g. owner=team-name) so the resource has an accountable owner.',
};
