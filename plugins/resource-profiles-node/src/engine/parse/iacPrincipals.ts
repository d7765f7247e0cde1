import type { ManagedPolicy, PolicyDocument, Principal, PrincipalType, SourceLocation } from '../model';

/**
 * Collects IAM principals and policies declared piecemeal by IaC (a role here, its inline
 * policy and attachments elsewhere) and assembles them once every piece is known.
 */
export class IacPrincipalBuilder {
  private readonly principals = new Map<string, Principal>();
  readonly policies: ManagedPolicy[] = [];

  constructor(private readonly accountId: () => string) {}

  arnFor(type: PrincipalType, name: string, path = '/'): string {
    return `arn:aws:iam::${this.accountId()}:${type}${path}${name}`;
  }

  /** Declares a principal (or completes a partial one created by an earlier attachment). */
  declare(type: PrincipalType, name: string, fields: Partial<Principal> & { source: SourceLocation }): Principal {
    const key = `${type}/${name}`;
    const existing = this.principals.get(key);
    const arn = fields.arn ?? existing?.arn ?? this.arnFor(type, name, fields.path);
    const principal: Principal = {
      name,
      type,
      accountId: arn.split(':')[4] || this.accountId(),
      tags: {},
      inlinePolicies: [],
      managedPolicyArns: [],
      groupNames: [],
      ...fields,
      arn,
    };
    if (existing) {
      principal.inlinePolicies = [...existing.inlinePolicies, ...principal.inlinePolicies];
      principal.managedPolicyArns = [...new Set([...existing.managedPolicyArns, ...principal.managedPolicyArns])];
      principal.groupNames = [...new Set([...existing.groupNames, ...principal.groupNames])];
    }
    principal.partial = false;
    this.principals.set(key, principal);
    return principal;
  }

  private get(type: PrincipalType, name: string, source: SourceLocation): Principal {
    const key = `${type}/${name}`;
    let p = this.principals.get(key);
    if (!p) {
      p = {
        arn: this.arnFor(type, name),
        name,
        type,
        accountId: this.accountId(),
        tags: {},
        inlinePolicies: [],
        managedPolicyArns: [],
        groupNames: [],
        source,
        partial: true,
      };
      this.principals.set(key, p);
    }
    return p;
  }

  addInline(type: PrincipalType, holder: string, name: string, document: PolicyDocument, source: SourceLocation): void {
    this.get(type, holder, source).inlinePolicies.push({ name, document });
  }

  attach(type: PrincipalType, holder: string, policyArn: string, source: SourceLocation): void {
    const p = this.get(type, holder, source);
    if (!p.managedPolicyArns.includes(policyArn)) p.managedPolicyArns.push(policyArn);
  }

  addToGroup(user: string, group: string, source: SourceLocation): void {
    const p = this.get('user', user, source);
    if (!p.groupNames.includes(group)) p.groupNames.push(group);
  }

  all(): Principal[] {
    return [...this.principals.values()];
  }
}

export function policyFrom(arn: string, name: string, document: PolicyDocument, source: SourceLocation, planned?: boolean): ManagedPolicy {
  return {
    arn,
    name,
    accountId: arn.split(':')[4] ?? '',
    awsManaged: false,
    defaultVersionId: 'v1',
    versions: [{ versionId: 'v1', isDefault: true, document }],
    document,
    source,
    planned,
  };
}
