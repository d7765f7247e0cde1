import type { CloudModel, CloudResource, ManagedPolicy, Principal } from '../model';
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
  return { model, principalsByArn, policiesByArn, groupsByName, roles, resourcesByArn, serviceControl };
}

export function groupsOf(index: ModelIndex, user: Principal): Principal[] {
  const out: Principal[] = [];
  for (const name of user.groupNames) {
    const g = index.groupsByName.get(`${user.accountId}/${name}`);
    if (g) out.push(g);
  }
  return out;
}
