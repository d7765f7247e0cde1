import type { ActionCatalog } from '../catalog/actionCatalog';
import type { ActionUniverse } from '../evaluate/actionUniverse';
import type { Grant } from '../evaluate/decide';
import { actionPlan, allowsAny, grantForPlan, type ActionPlan } from '../evaluate/holdings';
import type { PrincipalPolicies } from '../evaluate/principalPolicies';
import type { Conflict, Duty } from './ruleSet';

/** Up to this many granted actions are kept as evidence per duty. */
const evidencePerDuty = 3;

/** A duty with each action pattern's universe plan resolved once per analysis. */
export interface CompiledDuty {
  duty: Duty;
  plans: ActionPlan[];
}

export function compileDuties(duties: Duty[], universe: ActionUniverse, catalog: ActionCatalog): CompiledDuty[] {
  return duties.map(duty => ({ duty, plans: duty.actions.map(a => actionPlan(a, universe, catalog)) }));
}

/** Shared by every principal that holds no duty (read-only). */
const noDuties = new Map<string, Grant[]>();

/** Which duties a principal holds through its own policies, with the grants that prove it. */
export function dutiesOf(pp: PrincipalPolicies, duties: CompiledDuty[]): Map<string, Grant[]> {
  let held: Map<string, Grant[]> | undefined;
  for (const { duty, plans } of duties) {
    let grants: Grant[] | undefined;
    for (const plan of plans) {
      if (!allowsAny(pp, plan)) continue;
      const g = grantForPlan(pp, plan, 'writable');
      if (g) (grants ??= []).push(g);
      if (grants && grants.length >= evidencePerDuty) break;
    }
    if (grants) (held ??= new Map()).set(duty.name, grants);
  }
  return held ?? noDuties;
}


/** A duty held by some principal, possibly reached through an assume-role chain. */
export interface DutySource {
  holderArn: string;
  chain?: string[];
  grants: Grant[];
  conditional: boolean;
}

/** Conflicts whose every duty appears in `held`. */
export function conflictsIn(held: Map<string, DutySource[]>, conflicts: Conflict[]): Conflict[] {
  return conflicts.filter(c => c.duties.every(d => (held.get(d)?.length ?? 0) > 0));
}
