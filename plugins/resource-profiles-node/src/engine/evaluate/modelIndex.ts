import { accountOf } from '../arn';
import type { CloudModel, CloudResource, ManagedPolicy, Principal, ResourcePolicy } from '../model';
import { awsPrincipals } from './trust';
import { ResourceControl } from './resourceControl';
import { ServiceControlLevels } from './serviceControl';

/** Lookups over a model, built once per analysis. */
export interface ModelIndex {
  model: CloudModel;
  principalsByArn: Map<string, Principal>;
  policiesByArn: Map<string, ManagedPolicy>;
  /** `account/groupName` → group. */
  groupsByName: Map<string, Principal>;
  roles: Principal[];
  resourcesByArn: Map<string, CloudResource>;
  serviceControl: ServiceControlLevels;
  /** Per principal ARN: the resource policies whose Allows name it, a principal of the resource's own account. */
  resourceGrants: Map<string, ResourceGrant[]>;
  /** Per resource ARN: the Deny statements of its resource policies, whoever they name. */
  resourceDenies: Map<string, ResourceDeny[]>;
  resourceControl: ResourceControl;
}

export interface ResourceDeny {
  policy: ResourcePolicy;
  statementIndex: number;
}

export interface ResourceGrant {
  policy: ResourcePolicy;
  /** The Allow statements naming the principal. */
  statementIndexes: number[];
}

export function indexModel(model: CloudModel): ModelIndex {
  const principalsByArn = new Map<string, Principal>();
  const groupsByName = new Map<string, Principal>();
  const roles: Principal[] = [];
  for (const p of model.principals) {
    principalsByArn.set(p.arn, p);
    if (p.type === 'group') groupsByName.set(`${p.accountId}/${p.name}`, p);
    if (p.type === 'role') roles.push(p);
  }
  const policiesByArn = new Map(model.policies.map(p => [p.arn, p]));
  const resourcesByArn = new Map(model.resources.map(r => [r.arn, r]));
  const serviceControl = new ServiceControlLevels(model.serviceControlPolicies, model.organization);
  const resourceGrants = new Map<string, ResourceGrant[]>();
  const resourceDenies = new Map<string, ResourceDeny[]>();
  for (const policy of model.resourcePolicies ?? []) {
    const owner = resourcesByArn.get(policy.resourceArn)?.accountId || accountOf(policy.resourceArn);
    policy.document.statements.forEach((s, statementIndex) => {
      if (s.effect === 'Deny') {
        let list = resourceDenies.get(policy.resourceArn);
        if (!list) resourceDenies.set(policy.resourceArn, (list = []));
        list.push({ policy, statementIndex });
        return;
      }
      if (s.notPrincipal || s.notResource) return;
      for (const arn of new Set(awsPrincipals(s.principal))) {
        // Another account's principal also needs its own policies to allow it: that is not a grant on its own.
        if (!principalsByArn.has(arn) || accountOf(arn) !== owner) continue;
        let list = resourceGrants.get(arn);
        if (!list) resourceGrants.set(arn, (list = []));
        const last = list[list.length - 1];
        if (last?.policy === policy) last.statementIndexes.push(statementIndex);
        else list.push({ policy, statementIndexes: [statementIndex] });
      }
    });
  }
  return { model, principalsByArn, policiesByArn, groupsByName, roles, resourcesByArn, serviceControl, resourceGrants, resourceDenies, resourceControl: new ResourceControl(model.resourceControlPolicies, model.organization) };
}

export function groupsOf(index: ModelIndex, user: Principal): Principal[] {
  const out: Principal[] = [];
  for (const name of user.groupNames) {
    const g = index.groupsByName.get(`${user.accountId}/${name}`);
    if (g) out.push(g);
  }
  return out;
}
