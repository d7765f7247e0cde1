import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import {
  AccessGrant,
  GrantActuator,
  parseArn,
} from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { AwsAccountConfig } from '../sources/sourceConfig';

/** The slice of IAMClient the actuator uses, so tests can pass a fake. */
export interface IamWriteClient {
  send(command: object): Promise<unknown>;
}

export type IamWriteClientFactory = (account: AwsAccountConfig) => Promise<IamWriteClient>;

type Change = { accountId: string; principal: string } & (
  | { kind: 'user-policy' | 'role-policy'; policyArn: string }
  | { kind: 'group-membership'; groupName: string }
);

/** The IAM call that makes (`apply`) or reverses (`revoke`) one change. */
function commandFor(change: Change, direction: 'apply' | 'revoke'): object {
  const apply = direction === 'apply';
  switch (change.kind) {
    case 'user-policy': {
      const input = { UserName: change.principal, PolicyArn: change.policyArn };
      return apply ? new AttachUserPolicyCommand(input) : new DetachUserPolicyCommand(input);
    }
    case 'role-policy': {
      const input = { RoleName: change.principal, PolicyArn: change.policyArn };
      return apply ? new AttachRolePolicyCommand(input) : new DetachRolePolicyCommand(input);
    }
    case 'group-membership': {
      const input = { UserName: change.principal, GroupName: change.groupName };
      return apply ? new AddUserToGroupCommand(input) : new RemoveUserFromGroupCommand(input);
    }
    default:
      throw new Error(`Unknown change ${change satisfies never}`);
  }
}

/**
 * Applies grants in AWS IAM: a managed-policy target is attached to each of
 * the requester's users and roles; a group target gets the requester's users
 * as members. Revocation reverses exactly that. The SDK retries transient
 * errors; an entity that is already gone counts as revoked.
 */
export class AwsIamActuator implements GrantActuator {
  readonly id = 'aws-iam';

  constructor(
    private readonly options: {
      /** Account id → how to reach it (role to assume, region). */
      accounts: Map<string, AwsAccountConfig>;
      clientFactory: IamWriteClientFactory;
    },
  ) {}

  changes(grant: AccessGrant): Change[] {
    const target = grant.role.target;
    const isPolicy = /^arn:aws[\w-]*:iam::(\d{12}|aws):policy\//.test(target);
    return grant.principalArns.flatMap((arn): Change[] => {
      const parsed = parseArn(arn);
      if (!parsed) return [];
      const type = parsed.resource.split('/')[0];
      const base = { accountId: parsed.accountId, principal: arn.split('/').pop()! };
      if (isPolicy && type === 'user') return [{ ...base, kind: 'user-policy', policyArn: target }];
      if (isPolicy && type === 'role') return [{ ...base, kind: 'role-policy', policyArn: target }];
      if (!isPolicy && type === 'user') {
        return [{ ...base, kind: 'group-membership', groupName: target.split('/').pop()! }];
      }
      return [];
    });
  }

  async apply(grant: AccessGrant): Promise<void> {
    const changes = this.changes(grant);
    if (changes.length === 0) {
      throw new Error(`None of ${grant.principalArns.join(', ')} can receive ${grant.role.target}`);
    }
    for (const change of changes) {
      await (await this.client(change.accountId)).send(commandFor(change, 'apply'));
    }
  }

  async revoke(grant: AccessGrant): Promise<void> {
    for (const change of this.changes(grant)) {
      try {
        await (await this.client(change.accountId)).send(commandFor(change, 'revoke'));
      } catch (error) {
        if ((error as { name?: string }).name !== 'NoSuchEntityException') throw error;
      }
    }
  }

  private async client(accountId: string): Promise<IamWriteClient> {
    const account = this.options.accounts.get(accountId);
    if (!account) {
      throw new Error(`No resourceProfiles.access.actuator.aws.accounts entry for account ${accountId}`);
    }
    return this.options.clientFactory(account);
  }
}
