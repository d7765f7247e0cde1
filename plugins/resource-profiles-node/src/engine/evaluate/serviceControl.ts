import { fullAwsAccess, fullAwsAccessId } from '../awsManagedPolicies';
import type { OrganizationTree, Principal, ServiceControlPolicy } from '../model';

const none: ServiceControlPolicy[][] = [];
const isRoot = (id: string, tree: OrganizationTree) => id.startsWith('r-') || tree.rootIds.includes(id);

/**
 * The service control policies that limit each account, level by level: the root, each OU
 * above the account, and the account itself. An action must be allowed by some SCP at every
 * level. A level the inputs attach no SCP to is left out: AWS attaches FullAWSAccess to every
 * level by default, so only what the inputs show can limit anything ("where known"). For the
 * same reason a level whose known SCPs only deny keeps FullAWSAccess: deny-list SCPs sit beside
 * it (without any Allow at a level, nothing in the account would work). An SCP with Allow
 * statements is read as an allow-list that replaced FullAWSAccess there, unless the inputs show
 * FullAWSAccess attached too.
 */
export class ServiceControlLevels {
  private readonly byTarget = new Map<string, ServiceControlPolicy[]>();
  private readonly byAccount = new Map<string, ServiceControlPolicy[][]>();
  private readonly tree: OrganizationTree;
  private readonly roots: string[];
  private readonly reached = new Set<string>();
  private readonly fullAccess = fullAwsAccess();

  constructor(policies: ServiceControlPolicy[] = [], tree?: OrganizationTree) {
    this.tree = tree ?? { parents: {}, memberAccountIds: [], rootIds: [] };
    for (const p of policies) {
      for (const target of p.targetIds) {
        const list = this.byTarget.get(target);
        if (list) list.push(p);
        else this.byTarget.set(target, [p]);
      }
    }
    // An organization has one root; an attachment to it names it even when nothing else does.
    this.roots = [...new Set([...this.tree.rootIds, ...[...this.byTarget.keys()].filter(t => isRoot(t, this.tree))])];
  }

  /** The levels limiting a principal; none for the management account and service-linked roles, which SCPs do not affect. */
  of(principal: Principal): ServiceControlPolicy[][] {
    if (this.byTarget.size === 0) return none;
    if (principal.accountId === this.tree.managementAccountId) return none;
    if (principal.type === 'role' && principal.path?.startsWith('/aws-service-role/')) return none;
    let levels = this.byAccount.get(principal.accountId);
    if (!levels) this.byAccount.set(principal.accountId, (levels = this.levelsOf(principal.accountId)));
    return levels;
  }

  /**
   * The levels above an account that the inputs attach SCPs to, root first, with those SCPs as
   * attached (FullAWSAccess only where the inputs show it) and whether FullAWSAccess is assumed
   * beside them (they only deny). Empty for an account not known to be in the organization.
   */
  attachedAbove(accountId: string): { targetId: string; policies: ServiceControlPolicy[]; impliedFullAccess: boolean }[] {
    const chain = [accountId];
    for (let p = this.tree.parents[accountId]; p !== undefined && !chain.includes(p); p = this.tree.parents[p]) chain.push(p);
    const member = chain.length > 1 || this.tree.memberAccountIds.includes(accountId) || this.byTarget.has(accountId);
    if (member && !isRoot(chain[chain.length - 1], this.tree)) chain.push(...this.roots);
    const out: { targetId: string; policies: ServiceControlPolicy[]; impliedFullAccess: boolean }[] = [];
    for (const targetId of chain.reverse()) {
      const policies = this.byTarget.get(targetId);
      if (policies) out.push({ targetId, policies, impliedFullAccess: !policies.some(p => p.document.statements.some(st => st.effect === 'Allow')) });
    }
    return out;
  }

  private levelsOf(accountId: string): ServiceControlPolicy[][] {
    return this.attachedAbove(accountId).map(({ targetId, policies, impliedFullAccess }) => {
      this.reached.add(targetId);
      return impliedFullAccess ? [...policies, this.fullAccess] : policies;
    });
  }

  /** The SCPs that limit some principal of the inputs (FullAWSAccess, which limits nothing, aside). */
  applied(): ServiceControlPolicy[] {
    const out = new Set<ServiceControlPolicy>();
    for (const target of this.reached) for (const policy of this.byTarget.get(target) ?? []) if (policy.id !== fullAwsAccessId) out.add(policy);
    return [...out];
  }

  /** Attachments that limited no principal: their target is not known to hold any account of the inputs. */
  unreached(): { policy: ServiceControlPolicy; targetId: string }[] {
    const out: { policy: ServiceControlPolicy; targetId: string }[] = [];
    for (const [targetId, policies] of this.byTarget) {
      if (this.reached.has(targetId)) continue;
      // FullAWSAccess limits nothing wherever it is.
      for (const policy of policies) if (policy.id !== fullAwsAccessId) out.push({ policy, targetId });
    }
    return out;
  }
}
