import { builtInAwsManagedPolicy } from './awsManagedPolicies';
import type { CloudModel, CloudResource, ManagedPolicy, OrganizationTree, ParsedInput, Principal, PublicAccessBlock, ResourcePolicy, ServiceControlPolicy } from './model';

const principalKey = (p: Principal) => `${p.accountId}/${p.type}/${p.name}`;

function mergePrincipal(a: Principal, b: Principal): Principal {
  const [full, other] = a.partial && !b.partial ? [b, a] : [a, b];
  const inlineNames = new Set(full.inlinePolicies.map(p => p.name));
  return {
    ...full,
    partial: full.partial && other.partial,
    tags: { ...other.tags, ...full.tags },
    inlinePolicies: [...full.inlinePolicies, ...other.inlinePolicies.filter(p => !inlineNames.has(p.name))],
    managedPolicyArns: [...new Set([...full.managedPolicyArns, ...other.managedPolicyArns])],
    groupNames: [...new Set([...full.groupNames, ...other.groupNames])],
    permissionsBoundaryArn: full.permissionsBoundaryArn ?? other.permissionsBoundaryArn,
    trustPolicy: full.trustPolicy ?? other.trustPolicy,
    roleLastUsed: full.roleLastUsed ?? other.roleLastUsed,
    createDate: full.createDate ?? other.createDate,
    instanceProfileNames: full.instanceProfileNames ?? other.instanceProfileNames,
    planned: full.planned && other.planned,
  };
}

const fromIac = (r: CloudResource) => !!(r.source.logicalId || (r.source.address && !r.source.address.startsWith('$')));

function mergeResource(a: CloudResource, b: CloudResource): CloudResource {
  const [primary, other] = !fromIac(a) && fromIac(b) ? [b, a] : [a, b];
  return { ...primary, tags: { ...other.tags, ...primary.tags }, planned: primary.planned && other.planned };
}

/**
 * Merges several inputs (e.g. an account snapshot plus the Terraform state that created its
 * resources) into one model. Principals match by account, type and name; policies and
 * resources by ARN. A later full description completes an earlier partial one.
 */
export function mergeInputs(inputs: ParsedInput[]): CloudModel {
  const principals = new Map<string, Principal>();
  const policies = new Map<string, ManagedPolicy>();
  const resources = new Map<string, CloudResource>();
  const warnings: string[] = [];
  const scps = new Map<string, ServiceControlPolicy>();
  const resourcePolicies = new Map<string, ResourcePolicy>();
  const publicAccessBlocks = new Map<string, PublicAccessBlock>();
  const organization: OrganizationTree = { parents: {}, memberAccountIds: [], rootIds: [] };
  const rcps = new Map<string, ServiceControlPolicy>();
  const addOrganizationPolicy = (to: Map<string, ServiceControlPolicy>, policy: ServiceControlPolicy) => {
    const seen = to.get(policy.id);
    to.set(policy.id, seen ? { ...policy, targetIds: [...new Set([...seen.targetIds, ...policy.targetIds])] } : policy);
  };
  for (const input of inputs) {
    for (const scp of input.serviceControlPolicies ?? []) addOrganizationPolicy(scps, scp);
    for (const rcp of input.resourceControlPolicies ?? []) addOrganizationPolicy(rcps, rcp);
    const org = input.organization;
    if (org) {
      organization.id ??= org.id;
      Object.assign(organization.parents, org.parents);
      organization.memberAccountIds.push(...(org.memberAccountIds ?? []));
      organization.rootIds.push(...(org.rootIds ?? []));
      organization.managementAccountId ??= org.managementAccountId;
      if (org.names) organization.names = { ...organization.names, ...org.names };
    }
    for (const p of input.principals) {
      const key = principalKey(p);
      const seen = principals.get(key);
      principals.set(key, seen ? mergePrincipal(seen, p) : p);
    }
    for (const p of input.policies) {
      const seen = policies.get(p.arn);
      if (!seen || (seen.planned && !p.planned)) policies.set(p.arn, p);
    }
    for (const r of input.resources) {
      const seen = resources.get(r.arn);
      resources.set(r.arn, seen ? mergeResource(seen, r) : r);
    }
    for (const rp of input.resourcePolicies ?? []) {
      // A later input describes the policy as it is now, except that a planned one does not replace an existing one.
      const seen = resourcePolicies.get(rp.resourceArn);
      if (!seen || !rp.planned || seen.planned) resourcePolicies.set(rp.resourceArn, rp);
    }
    for (const b of input.publicAccessBlocks ?? []) publicAccessBlocks.set(b.target, b);
    warnings.push(...input.warnings.map(w => `${input.source}: ${w}`));
  }
  for (const p of principals.values()) {
    if (p.partial) warnings.push(`${p.type} ${p.arn} is only known from attachments; its own definition is in none of the inputs`);
    for (const arn of [...p.managedPolicyArns, ...(p.permissionsBoundaryArn ? [p.permissionsBoundaryArn] : [])]) {
      const builtIn = policies.has(arn) ? undefined : builtInAwsManagedPolicy(arn);
      if (builtIn) policies.set(arn, builtIn);
      else if (!policies.has(arn)) warnings.push(`policy ${arn} attached to ${p.arn} is not in the inputs; its permissions are not evaluated`);
    }
  }
  // Attachments whose SCP or RCP another input defines (an organization's policies and their attachments may live apart).
  for (const input of inputs) {
    for (const a of input.serviceControlAttachments ?? []) {
      const to = scps.has(a.policyId) ? scps : rcps;
      const policy = to.get(a.policyId);
      if (!policy) {
        warnings.push(`${input.source}: ${a.source.address ?? a.source.logicalId ?? a.source.file} attaches ${a.policyId}, which no input defines as a service or resource control policy; it is not evaluated`);
      } else if (!policy.targetIds.includes(a.targetId)) {
        to.set(a.policyId, { ...policy, targetIds: [...policy.targetIds, a.targetId] });
      }
    }
  }
  return {
    principals: [...principals.values()],
    policies: [...policies.values()],
    resources: [...resources.values()],
    sources: inputs.map(i => ({ file: i.source, kind: i.kind })),
    warnings,
    serviceControlPolicies: [...scps.values()],
    ...(rcps.size ? { resourceControlPolicies: [...rcps.values()] } : {}),
    resourcePolicies: [...resourcePolicies.values()],
    publicAccessBlocks: [...publicAccessBlocks.values()],
    organization: {
      ...organization,
      memberAccountIds: [...new Set(organization.memberAccountIds)],
      rootIds: [...new Set(organization.rootIds)],
    },
  };
}
