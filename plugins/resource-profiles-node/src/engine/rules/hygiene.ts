import type { CloudResource, Principal } from '../model';
import { conditionMentions } from '../evaluate/conditions';
import { awsPrincipals, classifyAwsPrincipal, isCrossAccount, statementAllowsAssume } from '../evaluate/trust';

export interface TrustExposure {
  statementIndex: number;
  principals: string[];
  conditioned: boolean;
}

/** Allow statements of a role's trust policy naming `*` (any AWS principal). */
export function trustOpenToAny(role: Principal): TrustExposure[] {
  return trustStatements(role, v => classifyAwsPrincipal(v).kind === 'anyone');
}

/** Allow statements of a role's trust policy naming principals of other accounts. */
export function trustCrossAccount(role: Principal): TrustExposure[] {
  return trustStatements(role, v => classifyAwsPrincipal(v).kind !== 'anyone' && isCrossAccount(role, v));
}

function trustStatements(role: Principal, pick: (value: string) => boolean): TrustExposure[] {
  const out: TrustExposure[] = [];
  (role.trustPolicy?.statements ?? []).forEach((s, statementIndex) => {
    if (s.effect !== 'Allow' || !statementAllowsAssume(s)) return;
    const principals = awsPrincipals(s.principal).filter(pick);
    if (principals.length) out.push({ statementIndex, principals, conditioned: !!s.condition });
  });
  return out;
}

/** Trust statements that let AWS principals in without requiring MFA. */
export function trustWithoutMfa(role: Principal): number[] {
  const out: number[] = [];
  (role.trustPolicy?.statements ?? []).forEach((s, i) => {
    if (s.effect !== 'Allow' || !statementAllowsAssume(s) || awsPrincipals(s.principal).length === 0) return;
    if (!conditionMentions(s.condition, 'aws:MultiFactorAuthPresent') && !conditionMentions(s.condition, 'aws:MultiFactorAuthAge')) out.push(i);
  });
  return out;
}

const dayMs = 24 * 60 * 60 * 1000;

/** Days since a role was last used (or created, when never used); undefined when unknown. */
export function daysUnused(role: Principal, now: Date): { days: number; neverUsed: boolean } | undefined {
  const last = role.roleLastUsed?.lastUsedDate;
  if (last) return { days: Math.floor((now.getTime() - Date.parse(last)) / dayMs), neverUsed: false };
  if (role.roleLastUsed && role.createDate) return { days: Math.floor((now.getTime() - Date.parse(role.createDate)) / dayMs), neverUsed: true };
  return undefined;
}

export function hasOwnerTag(resource: CloudResource, ownerTagKeys: string[]): boolean {
  const keys = new Set(ownerTagKeys.map(k => k.toLowerCase()));
  return Object.entries(resource.tags).some(([k, v]) => keys.has(k.toLowerCase()) && v.trim() !== '');
}
