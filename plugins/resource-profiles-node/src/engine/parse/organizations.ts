import { fullAwsAccess, fullAwsAccessId } from '../awsManagedPolicies';
import type { OrganizationTree, ParsedInput, ServiceControlPolicy, SourceLocation } from '../model';

/** The Organizations policy types whose statements the engine evaluates. */
export type OrganizationPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

export const isEvaluatedPolicyType = (type: string): type is OrganizationPolicyType => type === 'SERVICE_CONTROL_POLICY' || type === 'RESOURCE_CONTROL_POLICY';

/**
 * Collects what IaC declares about AWS Organizations piecemeal — service and resource control
 * policies, their attachments, organizational units and accounts — into the model's SCPs, RCPs
 * and tree.
 */
export class OrganizationBuilder {
  private readonly policies = new Map<string, ServiceControlPolicy>();
  private readonly attachments: { policyId: string; targetId: string; source: SourceLocation }[] = [];
  /** Organization policies of other types (tag, backup…): their attachments limit no permission. */
  private readonly otherPolicies = new Set<string>();
  private readonly tree: OrganizationTree = { parents: {}, memberAccountIds: [], rootIds: [] };
  private described = false;

  private readonly resourceControl = new Set<ServiceControlPolicy>();

  /**
   * `aliases`: other ids the policy goes by in the input (its IaC address while the id is
   * unknown). `type`: the policy's Organizations type; other types than SCPs and RCPs are kept
   * only so that their attachments are known to limit nothing.
   */
  addPolicy(policy: ServiceControlPolicy, aliases: string[] = [], type: OrganizationPolicyType = 'SERVICE_CONTROL_POLICY'): void {
    if (type === 'RESOURCE_CONTROL_POLICY') this.resourceControl.add(policy);
    for (const id of [policy.id, ...aliases]) this.policies.set(id, policy);
  }

  addOtherPolicy(ids: string[]): void {
    for (const id of ids) this.otherPolicies.add(id);
  }

  attach(policyId: string, targetId: string, source: SourceLocation): void {
    this.attachments.push({ policyId, targetId, source });
  }

  setParent(childId: string, parentId: string): void {
    this.tree.parents[childId] = parentId;
    this.described = true;
  }

  addMembers(accountIds: string[]): void {
    this.tree.memberAccountIds.push(...accountIds);
    this.described = true;
  }

  addRoots(rootIds: string[]): void {
    this.tree.rootIds.push(...rootIds);
    this.described = true;
  }

  setName(id: string, name: string | undefined): void {
    if (name) (this.tree.names ??= {})[id] = name;
  }

  setOrganizationId(id: string | undefined): void {
    if (id) this.tree.id = id;
  }

  setManagementAccount(accountId: string): void {
    this.tree.managementAccountId = accountId;
    this.described = true;
  }

  /**
   * The SCPs with their attachments, attachments to SCPs other inputs may define, and the tree
   * if the input told anything about it.
   */
  build(): Pick<ParsedInput, 'serviceControlPolicies' | 'resourceControlPolicies' | 'serviceControlAttachments' | 'organization'> {
    const elsewhere: NonNullable<ParsedInput['serviceControlAttachments']> = [];
    for (const a of this.attachments) {
      if (this.otherPolicies.has(a.policyId)) continue;
      if (a.policyId === fullAwsAccessId && !this.policies.has(a.policyId)) this.policies.set(a.policyId, fullAwsAccess());
      const policy = this.policies.get(a.policyId);
      if (!policy) elsewhere.push(a);
      else if (!policy.targetIds.includes(a.targetId)) policy.targetIds.push(a.targetId);
    }
    const all = [...new Set(this.policies.values())];
    const serviceControlPolicies = all.filter(p => !this.resourceControl.has(p));
    const resourceControlPolicies = all.filter(p => this.resourceControl.has(p));
    return {
      ...(serviceControlPolicies.length ? { serviceControlPolicies } : {}),
      ...(resourceControlPolicies.length ? { resourceControlPolicies } : {}),
      ...(elsewhere.length ? { serviceControlAttachments: elsewhere } : {}),
      ...(this.described ? { organization: this.tree } : {}),
    };
  }
}

export function serviceControlPolicy(
  fields: Pick<ServiceControlPolicy, 'id' | 'name' | 'document' | 'source'> & { arn?: string; planned?: boolean },
  targetIds: string[] = [],
): ServiceControlPolicy {
  const { arn, planned, ...rest } = fields;
  return { ...rest, ...(arn ? { arn } : {}), targetIds: [...new Set(targetIds)], ...(planned ? { planned } : {}) };
}
