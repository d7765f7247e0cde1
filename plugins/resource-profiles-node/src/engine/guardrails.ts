import { ServiceControlLevels } from './evaluate/serviceControl';
import type { CloudModel, PolicyStatement } from './model';

/** One level of the organization above an account, with the SCPs attached there. */
export interface GuardrailLevel {
  /** The root (`r-…`), OU (`ou-…`) or account id. */
  targetId: string;
  kind: 'root' | 'organizational-unit' | 'account';
  name?: string;
  policies: { id: string; arn?: string; name: string; statements: PolicyStatement[] }[];
  /**
   * The level's SCPs only deny, so the analysis keeps FullAWSAccess beside them: AWS attaches it
   * to every level by default, and without any Allow nothing in the account would work.
   */
  impliedFullAccess: boolean;
}

/** The service control policies that limit what any principal of an account can do, and the resource control policies over its resources. */
export interface AccountGuardrails {
  accountId: string;
  accountName?: string;
  /** SCPs never apply to the organization's management account. */
  managementAccount: boolean;
  /** Root first, then each OU down to the account; only levels the inputs attach SCPs to. */
  levels: GuardrailLevel[];
  /**
   * The same for resource control policies: their Denies apply to every caller, other accounts'
   * included, on the account's resources of the services RCPs govern. Absent when none is attached.
   */
  resourceControlLevels?: GuardrailLevel[];
}

function kindOf(id: string, rootIds: string[]): GuardrailLevel['kind'] {
  if (id.startsWith('r-') || rootIds.includes(id)) return 'root';
  return id.startsWith('ou-') ? 'organizational-unit' : 'account';
}

/**
 * The guardrails over every account the model knows of (its principals', resources' and the
 * organization's accounts) that the inputs attach any SCP above, or that is the management
 * account. The same levels the analysis applies; shown so that people can see why a principal
 * holds less than its own policies say.
 */
export function accountGuardrails(model: CloudModel): AccountGuardrails[] {
  const tree = model.organization;
  const serviceControl = new ServiceControlLevels(model.serviceControlPolicies, tree);
  const resourceControl = new ServiceControlLevels(model.resourceControlPolicies, tree);
  const accounts = new Set<string>([
    ...model.principals.map(p => p.accountId),
    ...model.resources.map(r => r.accountId),
    ...(tree?.memberAccountIds ?? []),
    ...Object.keys(tree?.parents ?? {}).filter(id => /^\d{12}$/.test(id)),
  ]);
  const levelsOf = (attached: ReturnType<ServiceControlLevels['attachedAbove']>): GuardrailLevel[] =>
    attached.map(({ targetId, policies, impliedFullAccess }) => ({
      targetId,
      kind: kindOf(targetId, tree?.rootIds ?? []),
      ...(tree?.names?.[targetId] ? { name: tree.names[targetId] } : {}),
      policies: policies.map(p => ({ id: p.id, ...(p.arn ? { arn: p.arn } : {}), name: p.name, statements: p.document.statements })),
      impliedFullAccess,
    }));
  const out: AccountGuardrails[] = [];
  for (const accountId of [...accounts].filter(Boolean).sort()) {
    const managementAccount = accountId === tree?.managementAccountId;
    const attached = managementAccount ? [] : serviceControl.attachedAbove(accountId);
    // RCPs only deny, beside RCPFullAWSAccess, which AWS attaches everywhere and cannot be detached.
    const controls = managementAccount ? [] : resourceControl.attachedAbove(accountId).map(level => ({ ...level, impliedFullAccess: false }));
    if (!attached.length && !controls.length && !managementAccount) continue;
    out.push({
      accountId,
      ...(tree?.names?.[accountId] ? { accountName: tree.names[accountId] } : {}),
      managementAccount,
      levels: levelsOf(attached),
      ...(controls.length ? { resourceControlLevels: levelsOf(controls) } : {}),
    });
  }
  return out;
}
