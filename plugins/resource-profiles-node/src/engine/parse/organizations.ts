import { fullAwsAccess, fullAwsAccessId } from '../awsManagedPolicies';
import type { OrganizationTree, ParsedInput, ServiceControlPolicy, SourceLocation } from '../model';

/**
 * Collects what IaC declares about AWS Organizations piecemeal — service control policies,
 * their attachments, organizational units and accounts — into the model's SCPs and tree.
 */
export class OrganizationBuilder {
  private readonly policies = new Map<string, ServiceControlPolicy>();
  private readonly attachments: { policyId: string; targetId: string; source: SourceLocation }[] = [];
  /** Organization policies of other types (tag, backup…): their attachments limit no permission. */
  private readonly otherPolicies = new Set<string>();
  private readonly tree: OrganizationTree = { parents: {}, memberAccountIds: [], rootIds: [] };
  private described = false;

  /** `aliases`: other ids the policy goes by in the input (its IaC address while the id is unknown). */
  addPolicy(policy: ServiceControlPolicy, aliases: string[] = []): void {
    this.policies.set(policy.id, policy);
    for (const alias of aliases) if (alias !== policy.id) this.policies.set(alias, policy);
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

  setManagementAccount(accountId: string): void {
    this.tree.managementAccountId = accountId;
    this.described = true;
  }

  /**
   * The SCPs with their attachments, attachments to SCPs other inputs may define, and the tree
   * if the input told anything about it.
   */
  build(): Pick<ParsedInput, 'serviceControlPolicies' | 'serviceControlAttachments' | 'organization'> {
    const elsewhere: NonNullable<ParsedInput['serviceControlAttachments']> = [];
    for (const a of this.attachments) {
      if (this.otherPolicies.has(a.policyId)) continue;
      if (a.policyId === fullAwsAccessId && !this.policies.has(a.policyId)) this.policies.set(a.policyId, fullAwsAccess());
      const policy = this.policies.get(a.policyId);
      if (!policy) elsewhere.push(a);
      else if (!policy.targetIds.includes(a.targetId)) policy.targetIds.push(a.targetId);
    }
    const serviceControlPolicies = [...new Set(this.policies.values())];
    return {
      ...(serviceControlPolicies.length ? { serviceControlPolicies } : {}),
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
